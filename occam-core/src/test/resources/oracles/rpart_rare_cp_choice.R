# cp by inner cross-validation against cp 0.01 for the probability tree (docs/tree.md), credit_data with every 7th
# bad loan kept (5.3%). Rscript rpart_rare_cp_choice.R from this folder. Output (R 4.2.2, rpart 4.1.19; the class-tree
# depth-3 line is unreliable: predict() gives a matrix there):
#   cv auc anova cp .01 0.7361727 | anova depth3 cp 0 0.7638394 | anova cp by inner cv 1se 0.6429106 | min 0.7394028
library(rpart)
d <- read.csv("../datasets/credit_data.csv", stringsAsFactors = TRUE)
bad <- which(d$Status == "bad")
keep <- sort(c(which(d$Status == "good"), bad[seq(1, length(bad), by = 7)]))
r <- d[keep, ]
cat("rows", nrow(r), "bad", sum(r$Status == "bad"), mean(r$Status == "bad"), "\n")
auc <- function(p, y) { o <- rank(p); n1 <- sum(y); n0 <- length(y) - n1; (sum(o[y == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0) }
y <- as.numeric(r$Status == "bad")
f1 <- rpart(Status ~ ., data = r)
cat("class default: leaves", sum(f1$frame$var == "<leaf>"), "\n")
r$y <- y
f2 <- rpart(y ~ . - Status, data = r, method = "anova")
cat("anova cp 0.01: leaves", sum(f2$frame$var == "<leaf>"), "\n"); print(f2)
# 5-fold CV AUC with fixed folds for several depths / rules
set.seed(1); fold <- sample(rep(1:5, length.out = nrow(r)))
cv <- function(fitfun) { p <- numeric(nrow(r)); for (k in 1:5) { tr <- r[fold != k, ]; m <- fitfun(tr); p[fold == k] <- predict(m, r[fold == k, ]) }; auc(p, y) }
cat("cv auc anova cp .01", cv(function(tr) rpart(y ~ . - Status, data = tr, method = "anova")), "\n")
cat("cv auc anova depth3 cp 0", cv(function(tr) rpart(y ~ . - Status, data = tr, method = "anova", control = rpart.control(maxdepth = 3, cp = 0))), "\n")
cat("cv auc class depth3 cp 0", cv(function(tr) { m <- rpart(Status ~ . - y, data = tr, control = rpart.control(maxdepth = 3, cp = 0)); m }), "\n")
pick <- function(m) { t <- m$cptable; i <- which.min(t[, "xerror"]); se <- t[i, "xerror"] + t[i, "xstd"]; cp <- t[which(t[, "xerror"] <= se)[1], "CP"]; prune(m, cp = cp) }
cat("cv auc anova cp by inner cv 1se", cv(function(tr) pick(rpart(y ~ . - Status, data = tr, method = "anova", control = rpart.control(cp = 0.001)))), "\n")
pickmin <- function(m) { t <- m$cptable; prune(m, cp = t[which.min(t[, "xerror"]), "CP"]) }
cat("cv auc anova cp by inner cv min", cv(function(tr) pickmin(rpart(y ~ . - Status, data = tr, method = "anova", control = rpart.control(cp = 0.001)))), "\n")

# The cross-validated AUCs quoted in DecisionTreeRareEventTest and docs/tree.md (rpart 4.1.19, R 4.2): every 7th
# (or 14th) positive kept, 5 folds drawn by set.seed(1). Run from this folder: Rscript rpart_rare_cv_auc.R.
# Output (R 4.2.2; "class d3 cp0" is rpart's class tree at maxdepth 3, cp 0):
#   wa_churn every 7 rows 5441 rate 0.0491 class leaves 1 anova leaves 5 cv auc class 0.463 anova 0.794 class d3 cp0 0.463
#   wa_churn every 14 rows 5308 rate 0.0252 class leaves 1 anova leaves 4 cv auc class 0.466 anova 0.677 class d3 cp0 0.466
#   credit_data every 7 rows 3380 rate 0.0533 class leaves 5 anova leaves 6 cv auc class 0.666 anova 0.736 class d3 cp0 0.65
#   credit_data every 14 rows 3290 rate 0.0274 class leaves 6 anova leaves 7 cv auc class 0.588 anova 0.673 class d3 cp0 0.613
library(rpart)
auc <- function(p, y) { o <- rank(p); n1 <- sum(y); n0 <- length(y) - n1; (sum(o[y == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0) }
for (nm in c("wa_churn", "credit_data")) {
d <- read.csv(paste0("../datasets/", nm, ".csv"), stringsAsFactors = TRUE)
tgt <- if (nm == "wa_churn") "churn" else "Status"; pos <- if (nm == "wa_churn") "Yes" else "bad"
for (step in c(7, 14)) {
p <- which(d[[tgt]] == pos)
r <- d[sort(c(which(d[[tgt]] != pos), p[seq(1, length(p), by = step)])), ]
y <- as.numeric(r[[tgt]] == pos); r$y <- y; r[[tgt]] <- NULL
fc <- rpart(factor(y) ~ ., data = r); fa <- rpart(y ~ ., data = r, method = "anova")
set.seed(1); fold <- sample(rep(1:5, length.out = nrow(r)))
cv <- function(ff) { p <- numeric(nrow(r)); for (k in 1:5) { m <- ff(r[fold != k, ]); pr <- predict(m, r[fold == k, ]); if (is.matrix(pr)) pr <- pr[, 2]; p[fold == k] <- pr }; auc(p, y) }
cat(nm, "every", step, "rows", nrow(r), "rate", round(mean(y), 4), "class leaves", sum(fc$frame$var == "<leaf>"), "anova leaves", sum(fa$frame$var == "<leaf>"),
  "cv auc class", round(cv(function(t) rpart(factor(y) ~ ., data = t)), 3), "anova", round(cv(function(t) rpart(y ~ ., data = t, method = "anova")), 3),
  "class d3 cp0", round(cv(function(t) rpart(factor(y) ~ ., data = t, control = rpart.control(maxdepth = 3, cp = 0))), 3), "\n")
}}

# The rare-event oracle for DecisionTreeRareEventTest (rpart 4.1.19, R 4.2):
#   Rscript rpart_wa_churn_rare.R   (from this folder; reads ../datasets/wa_churn.csv)
# wa_churn with every 7th churner kept (the 1st, 8th, 15th, ... 'Yes' row in file order) and every other row:
# 5,441 rows, 267 churners (4.9%). rpart's class tree (misclassification risk) prunes to the root; the class
# probability tree, rpart's anova on the 0/1 target (squared-error risk, Breiman et al. 1984, section 4.6), keeps
# its splits. Both with rpart's defaults otherwise (cp 0.01, minsplit 20, minbucket 7).
library(rpart)
d <- read.csv("../datasets/wa_churn.csv", stringsAsFactors = TRUE)
yes <- which(d$churn == "Yes")
r <- d[sort(c(which(d$churn != "Yes"), yes[seq(1, length(yes), by = 7)])), ]
r$y <- as.numeric(r$churn == "Yes")
r$churn <- NULL
cls <- rpart(factor(y) ~ ., data = r)
prob <- rpart(y ~ ., data = r, method = "anova")
sink("rpart_wa_churn_rare_tree.txt")
cat("# rows", nrow(r), "churners", sum(r$y), "\n")
cat("# class tree (method = 'class'): leaves", sum(cls$frame$var == "<leaf>"), "\n")
cat("# probability tree (method = 'anova' on 0/1):\n")
print(prob, digits = 10)
sink()
write.csv(data.frame(row = as.integer(rownames(r)), p = predict(prob, r)), "rpart_wa_churn_rare_pred.csv",
          row.names = FALSE)

# R's glm on Occam's folds: logistic (binomial) for two classes, gaussian for regression.
#
#   Rscript bench/glm.R DATA.csv FOLDS.csv TARGET POSITIVE|- OUT.json
#
# For each fold (the folds file is occam-bench's WriteFolds output, the rows Occam validates on): numbers imputed
# by the training rows' median, categories by their most frequent level (a level unseen in training is read as
# that level too), glm fitted on the training rows, the held-out rows scored; then a refit on all rows, as
# `occam fit` does. Writes the mean held-out AUC (Mann-Whitney, with ties) or RMSE, and the seconds. One thread:
# glm is single-threaded and a forked pool's memory would not show in one process's peak RSS.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript glm.R DATA.csv FOLDS.csv TARGET POSITIVE|- OUT.json")
started <- proc.time()[["elapsed"]]
data <- read.csv(args[1], na.strings = c("NA", ""), stringsAsFactors = TRUE, check.names = FALSE)
folds <- read.csv(args[2])
target <- args[3]
classification <- args[4] != "-"
if (nrow(folds) != nrow(data)) stop(sprintf("%s has %d rows, %s has %d", args[2], nrow(folds), args[1], nrow(data)))
y <- if (classification) as.integer(as.character(data[[target]]) == args[4]) else as.numeric(data[[target]])
x <- data[, setdiff(names(data), target), drop = FALSE]

prepare <- function(train, rows) {
  out <- rows
  for (n in names(train)) {
    if (is.factor(train[[n]])) {
      seen <- levels(droplevels(train[[n]]))
      mode <- names(which.max(table(droplevels(train[[n]]))))
      v <- as.character(rows[[n]])
      v[is.na(v) | !(v %in% seen)] <- mode
      out[[n]] <- factor(v, levels = seen)
    } else {
      v <- rows[[n]]
      v[is.na(v)] <- median(train[[n]], na.rm = TRUE)
      out[[n]] <- v
    }
  }
  out
}
auc <- function(y, s) {
  r <- rank(s)
  n1 <- sum(y == 1); n0 <- sum(y == 0)
  (sum(r[y == 1]) - n1 * (n1 + 1) / 2) / (n1 * n0)
}
family <- if (classification) binomial() else gaussian()
fit_on <- function(rows) {
  train <- prepare(x[rows, , drop = FALSE], x[rows, , drop = FALSE])
  train$.y <- y[rows]
  glm(.y ~ ., data = train, family = family)
}
t0 <- proc.time()[["elapsed"]]
scores <- c()
for (r in names(folds)) {
  for (f in sort(unique(folds[[r]]))) {
    test <- folds[[r]] == f
    model <- fit_on(which(!test))
    held <- prepare(x[!test, , drop = FALSE], x[test, , drop = FALSE])
    s <- suppressWarnings(predict(model, newdata = held, type = "response"))
    scores <- c(scores, if (classification) auc(y[test], s) else sqrt(mean((y[test] - s)^2)))
  }
}
invisible(fit_on(seq_len(nrow(x))))  # the refit on all rows
seconds <- proc.time()[["elapsed"]] - t0
metric <- if (classification) "auc" else "rmse"
message(sprintf("R        %-24s %s %.4f (%d folds)  %.2f s", "glm", metric, mean(scores), length(scores), seconds))
cat(sprintf('{"engine": "R", "rows": %d, "columns": %d, "results": [{"model": "glm", "metric": "%s", "mean": %.10g, "folds": %d, "seconds": %.3f}], "seconds": %.3f}\n',
            nrow(x), ncol(x), metric, mean(scores), length(scores), seconds, proc.time()[["elapsed"]] - started),
    file = args[5])

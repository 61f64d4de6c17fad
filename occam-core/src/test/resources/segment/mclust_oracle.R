# Oracle for dev.occam.core.segment (GaussianMixturesTest, KMeansTest, AdjustedRandIndexTest).
# Reconstructed from the numbers in this folder: they were produced with R 4.2 and mclust 6.0 on the shared
# machine; mclust is not installed where these tests were written, so this script records the calls, not a rerun.
library(mclust)  # 6.0
faithful <- read.csv("../datasets/faithful.csv")
iris <- read.csv("../datasets/iris.csv")
X <- list(faithful = faithful, iris = iris[, 1:4])
rows <- list()
for (name in names(X)) {
  fit <- Mclust(X[[name]])                   # G = 1:9, every model, hc initialisation (defaults)
  print(summary(fit$BIC))                    # -> bic_tables.txt
  write.csv(data.frame(row = seq_along(fit$classification), cluster = fit$classification),
            paste0(name, "_mclust_classes.csv"), row.names = FALSE)
  ari <- if (name == "iris") adjustedRandIndex(fit$classification, iris$Species) else NA
  # nstart was not recorded with the numbers; 50 is what KMeansTest needs to reach the same optima
  wss <- sapply(1:9, function(k) kmeans(scale(X[[name]]), k, nstart = 50)$tot.withinss)
  rows[[name]] <- data.frame(dataset = name, mclust_model = fit$modelName, mclust_G = fit$G, mclust_bic = fit$bic,
                             mclust_loglik = fit$loglik, ari_vs_truth = ari,
                             kmeans_tot_withinss = paste(signif(wss, 6), collapse = " "))
}
write.csv(do.call(rbind, rows), "summary.csv", row.names = FALSE)

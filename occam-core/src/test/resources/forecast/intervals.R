# Writes oracle_intervals.csv: R forecast 8.20's point forecasts and 80%/95% intervals of naive, snaive,
# rwf(drift = TRUE) and thetaf on the training part of each series (all but the last h values, as summary.csv).
# Run from this folder: Rscript intervals.R   (Debian bookworm: apt-get install r-cran-forecast)
suppressMessages(library(forecast))
s <- read.csv("oracle_summary.csv")
out <- NULL
for (i in seq_len(nrow(s))) {
  d <- read.csv(paste0(s$series[i], ".csv"))
  y <- ts(head(d[[2]], s$n[i] - s$h[i]), frequency = s$frequency[i])
  h <- s$h[i]
  fcs <- list(naive = naive(y, h), snaive = snaive(y, h), drift = rwf(y, h, drift = TRUE), theta = thetaf(y, h))
  for (m in names(fcs)) {
    f <- fcs[[m]]
    out <- rbind(out, data.frame(series = s$series[i], method = m, step = 1:h, mean = as.numeric(f$mean),
      lo80 = as.numeric(f$lower[, 1]), hi80 = as.numeric(f$upper[, 1]),
      lo95 = as.numeric(f$lower[, 2]), hi95 = as.numeric(f$upper[, 2])))
  }
}
write.csv(out, "oracle_intervals.csv", row.names = FALSE)

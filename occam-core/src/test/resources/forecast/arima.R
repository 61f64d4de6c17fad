# Writes oracle_arima.csv: for each series' training part (all but the last h values, as oracle_summary.csv),
# R forecast 8.20's auto.arima(y) (orders, coefficients, sigma2, log-likelihood, AICc), the first-difference and
# seasonal-difference counts its tests give (ndiffs by KPSS, nsdiffs by seasonal strength and by OCSB), and the
# 80%/95% forecasts. Run from this folder: Rscript arima.R   (Debian bookworm: apt-get install r-cran-forecast)
suppressMessages(library(forecast))
s <- read.csv("oracle_summary.csv")
rows <- NULL
for (i in seq_len(nrow(s))) {
  d <- read.csv(paste0(s$series[i], ".csv"))
  y <- ts(head(d[[2]], s$n[i] - s$h[i]), frequency = s$frequency[i])
  h <- s$h[i]
  fit <- auto.arima(y)
  f <- forecast(fit, h = h)
  m <- frequency(y)
  D <- if (m > 1 && length(y) > 2 * m) nsdiffs(y) else 0
  Docsb <- if (m > 1 && length(y) > 2 * m) nsdiffs(y, test = "ocsb") else 0
  dx <- if (D > 0) diff(y, lag = m, differences = D) else y
  rows <- rbind(rows, data.frame(series = s$series[i], arma = paste(fit$arma, collapse = " "),
    coef_names = paste(names(coef(fit)), collapse = " "), coef = paste(sprintf("%.10g", coef(fit)), collapse = " "),
    sigma2 = fit$sigma2, loglik = fit$loglik, aicc = fit$aicc, nsdiffs_seas = D, nsdiffs_ocsb = Docsb,
    ndiffs = ndiffs(dx),
    mean = paste(sprintf("%.10g", f$mean), collapse = " "),
    lo80 = paste(sprintf("%.10g", f$lower[, 1]), collapse = " "),
    hi95 = paste(sprintf("%.10g", f$upper[, 2]), collapse = " ")))
}
write.csv(rows, "oracle_arima.csv", row.names = FALSE)

# Oracle values for the formula learner (FormulaRegressionOracleTest): R's nls on Puromycin (treated rows) and BOD,
# both from R's datasets package. Writes nls_coefficients.csv and nls_wald_ci95.csv (nls's default control: it stops
# when the relative offset is below 1e-5, which leaves the 6th-7th digit of an estimate unsettled), the same with
# suffix _tol1e-8 (control tol = 1e-8: converged to the least-squares minimum to the digits the tests compare), and
# the two data files.
pt <- subset(Puromycin, state == "treated")
fits <- function(control) list(
  nls(rate ~ Vm * conc / (K + conc), data = pt, start = list(Vm = 200, K = 0.1), control = control),
  nls(demand ~ A * (1 - exp(-lrc_e * Time)), data = BOD, start = list(A = 20, lrc_e = 0.5), control = control))
coefs <- function(name, f) {
  s <- summary(f)$coefficients
  data.frame(dataset = name, parameter = rownames(s), estimate = s[, 1], std_error = s[, 2],
             rss = deviance(f), sigma = summary(f)$sigma, df = df.residual(f))
}
ci <- function(name, f) {
  data.frame(dataset = name, parameter = names(coef(f)), as.data.frame(confint.default(f)))
}
write <- function(f, suffix) {
  write.csv(rbind(coefs("puromycin_treated", f[[1]]), coefs("bod", f[[2]])), paste0("nls_coefficients", suffix, ".csv"),
            row.names = FALSE)
  write.csv(rbind(ci("puromycin_treated", f[[1]]), ci("bod", f[[2]])), paste0("nls_wald_ci95", suffix, ".csv"),
            row.names = FALSE)
}
write(fits(nls.control()), "")
write(fits(nls.control(tol = 1e-8, maxiter = 1000, minFactor = 1e-12)), "_tol1e-8")
write.csv(pt[, c("conc", "rate")], "puromycin_treated.csv", row.names = FALSE)
write.csv(BOD, "bod.csv", row.names = FALSE)

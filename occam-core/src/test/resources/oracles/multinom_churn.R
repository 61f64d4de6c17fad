# Oracle for MultinomialLogisticOracleTest (R 4.2, nnet 7.3): the multinomial logit of contract on tenure,
# monthly_charges and senior_citizen, on the first 600 rows of ../datasets/wa_churn.csv (modeldata 1.1.0, MIT).
# Reference class: Month-to-month (the first level). nnet fits by BFGS; reltol 1e-15 drives it to the
# maximum-likelihood estimate; the standard errors are the square roots of the diagonal of the inverse Hessian.
# Run from this folder: Rscript multinom_churn.R
library(nnet)
d <- read.csv("../datasets/wa_churn.csv")[1:600, ]
d$contract <- factor(d$contract)
fit <- multinom(contract ~ tenure + monthly_charges + senior_citizen, data = d, Hess = TRUE, reltol = 1e-15,
                maxit = 10000, trace = FALSE)
est <- coef(fit)
se <- matrix(sqrt(diag(solve(fit$Hessian))), nrow = nrow(est), byrow = TRUE)
out <- data.frame(class = rep(rownames(est), each = ncol(est)), term = rep(colnames(est), nrow(est)),
                  estimate = as.vector(t(est)), std_error = as.vector(t(se)))
write.csv(format(out, digits = 15), "multinom_churn_coefficients.csv", row.names = FALSE, quote = FALSE)
p <- fitted(fit)[1:5, ]
write.csv(format(data.frame(row = 1:5, p), digits = 15), "multinom_churn_fitted.csv", row.names = FALSE, quote = FALSE)
cat("deviance", format(fit$deviance, digits = 15), "\n")

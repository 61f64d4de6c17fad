# Oracle for Occam's Firth logistic regression: the endometrial cancer data of Heinze & Schemper (2002),
# as shipped in brglm2, fitted by brglm2's bias reduction (type = "AS_mean"), which for the logit link is
# Firth's (1993) penalised likelihood.
# Run in src/test/resources/oracles: Rscript firth_endometrial.R (R 4.2.2, brglm2 0.9).
library(brglm2)
data("endometrial", package = "brglm2")
write.csv(endometrial[, c("NV", "PI", "EH", "HG")], "endometrial.csv", row.names = FALSE, quote = FALSE)
fit <- glm(HG ~ NV + PI + EH, family = binomial, data = endometrial, method = "brglmFit", type = "AS_mean")
s <- summary(fit)$coefficients
out <- data.frame(term = rownames(s), estimate = sprintf("%.13f", s[, 1]), std_error = sprintf("%.13f", s[, 2]),
                  z = sprintf("%.13f", s[, 3]), p = sprintf("%.13e", s[, 4]))
write.csv(out, "firth_endometrial_coefficients.csv", row.names = FALSE, quote = FALSE)
write.csv(data.frame(null_deviance = sprintf("%.10f", fit$null.deviance),
                     residual_deviance = sprintf("%.10f", fit$deviance), iterations = fit$iter),
          "firth_endometrial_fitstats.csv", row.names = FALSE, quote = FALSE)
ml <- suppressWarnings(glm(HG ~ NV + PI + EH, family = binomial, data = endometrial))
cat("ML fit (separation in NV): converged", ml$converged, "\n")
print(coef(summary(ml)))
print(summary(fit))
cat(R.version.string, "brglm2", as.character(packageVersion("brglm2")), "\n")

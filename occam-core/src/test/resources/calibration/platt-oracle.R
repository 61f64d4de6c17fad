# Oracle for PlattFitTest: Platt scaling on the logit of the score is the logistic regression
# glm(y ~ qlogis(s), family = binomial). Scores are clipped to [1e-6, 1 - 1e-6] as PlattScaling.logit does.
# Run: Rscript platt-oracle.R   (R 4.2.2); output recorded in platt-oracle.txt.
s <- c(0.02, 0.05, 0.08, 0.10, 0.12, 0.15, 0.18, 0.20, 0.22, 0.25,
       0.30, 0.33, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60, 0.62, 0.65,
       0.70, 0.72, 0.75, 0.80, 0.85, 0.88, 0.90, 0.95, 0.97, 1.00)
y <- c(0, 0, 0, 1, 0, 0, 0, 1, 0, 0,
       1, 0, 0, 1, 0, 1, 0, 0, 1, 1,
       0, 1, 1, 1, 0, 1, 1, 1, 1, 1)
x <- qlogis(pmin(1 - 1e-6, pmax(1e-6, s)))
fit <- glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))
options(digits = 15)
print(coef(fit))
print(deviance(fit))

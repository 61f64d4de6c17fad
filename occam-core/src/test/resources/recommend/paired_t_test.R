# Oracle for RecommenderSelectionTest.paired_smallSample_matchesRsTTest (R 4.2, stats::t.test).
a <- c(0.5, 0.2, 0.9, 0.4, 0.7, 0.1, 0.0, 0.35)
b <- c(0.3, 0.25, 0.6, 0.4, 0.5, 0.2, 0.1, 0.15)
r <- t.test(a, b, paired = TRUE, conf.level = 0.95)
cat(sprintf("%.15g %.15g %.15g %.15g\n", r$estimate, r$conf.int[1], r$conf.int[2], r$p.value))

package dev.occam.core.forecast;

public final class ArimaTiming {
    public static void main(String[] args) {
        TimeSeries train = ForecastOracle.training("UKDriverDeaths");
        Arima.Order order = new Arima.Order(0, 0, 2, 0, 1, 2, 12);
        double[] coef = {0.34, 0.38, -0.57, -0.22};
        double[][] pt = ArimaStateSpace.expand(coef, 0, 2, 0, 2, 12, true);
        double[] delta = ArimaStateSpace.delta(0, 1, 12);
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                ArimaStateSpace.filter(train.values(), pt[0], pt[1], delta, false);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                ArimaStateSpace.stationaryCovariance(pt[0], pt[1]);
            }
            long t2 = System.nanoTime();
            System.out.printf("filter %.3f ms, Q0 %.3f ms%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            Arima.fit(train, order, false);
            System.out.printf("fit %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        }
    }
}

package dev.occam.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.occam.runtime.data.CategoricalColumn;
import dev.occam.runtime.data.Column;
import dev.occam.runtime.data.Frame;
import dev.occam.runtime.data.NumericColumn;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped datasets load with the types, row counts and missing counts a person expects. */
class DataLoaderDatasetsTest {

    static Path dataset(String name) {
        try {
            return Path.of(DataLoaderDatasetsTest.class.getResource("/datasets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Frame load(String name) throws DataException {
        return DataLoader.load(DataSource.file(dataset(name)));
    }

    private static void assertCategorical(Frame frame, String... names) {
        for (String name : names) {
            assertInstanceOf(CategoricalColumn.class, frame.column(name), name);
        }
    }

    private static void assertNumeric(Frame frame, String... names) {
        for (String name : names) {
            assertInstanceOf(NumericColumn.class, frame.column(name), name);
        }
    }

    @Test
    void load_creditData_typesRowsAndMissingCounts() throws DataException {
        Frame frame = load("credit_data.csv");

        assertEquals(4454, frame.rows());
        assertEquals(14, frame.columnCount());
        assertCategorical(frame, "Status", "Home", "Marital", "Records", "Job");
        assertNumeric(frame, "Seniority", "Time", "Age", "Expenses", "Income", "Assets", "Debt", "Amount", "Price");
        assertEquals(6, frame.column("Home").missingCount());
        assertEquals(1, frame.column("Marital").missingCount());
        assertEquals(2, frame.column("Job").missingCount());
        assertEquals(381, frame.column("Income").missingCount());
        assertEquals(47, frame.column("Assets").missingCount());
        assertEquals(18, frame.column("Debt").missingCount());
        assertEquals(0, frame.column("Status").missingCount());
    }

    @Test
    void load_creditData_levelsSortedAsInR() throws DataException {
        Frame frame = load("credit_data.csv");

        assertEquals(List.of("bad", "good"), levels(frame, "Status"));
        assertEquals(List.of("ignore", "other", "owner", "parents", "priv", "rent"), levels(frame, "Home"));
        assertEquals(List.of("divorced", "married", "separated", "single", "widow"), levels(frame, "Marital"));
        // yes/no stays text: DuckDB would otherwise read it as a boolean and rename the levels.
        assertEquals(List.of("no", "yes"), levels(frame, "Records"));
        assertEquals(List.of("fixed", "freelance", "others", "partime"), levels(frame, "Job"));
    }

    @Test
    void load_creditData_keepsFileOrder() throws DataException {
        Frame frame = load("credit_data.csv");

        // The first and last data rows of the file.
        CategoricalColumn status = (CategoricalColumn) frame.column("Status");
        assertEquals("good", status.level(0));
        assertEquals(9.0, frame.column("Seniority").encoded(0));
        assertEquals(846.0, frame.column("Price").encoded(0));
        assertEquals(1658.0, frame.column("Price").encoded(1));
        assertEquals(1650.0, frame.column("Price").encoded(4453));
        assertEquals(1000.0, frame.column("Debt").encoded(4453));
    }

    @Test
    void load_waChurn_typesRowsAndMissingCounts() throws DataException {
        Frame frame = load("wa_churn.csv");

        assertEquals(7043, frame.rows());
        assertEquals(20, frame.columnCount());
        assertCategorical(frame, "churn", "multiple_lines", "internet_service", "online_security", "contract",
                "payment_method");
        assertNumeric(frame, "female", "senior_citizen", "partner", "dependents", "tenure", "phone_service",
                "paperless_billing", "monthly_charges", "total_charges");
        assertEquals(List.of("No", "Yes"), levels(frame, "churn"));
        assertEquals(List.of("No", "No phone service", "Yes"), levels(frame, "multiple_lines"));
        assertEquals(11, frame.column("total_charges").missingCount());
        assertEquals(29.85, frame.column("monthly_charges").encoded(0));
    }

    @Test
    void load_ames_fortyCategoricalColumnsTheRestNumeric() throws DataException {
        Frame frame = load("ames.csv");

        assertEquals(2930, frame.rows());
        assertEquals(74, frame.columnCount());
        long categorical = frame.columns().stream().filter(c -> c instanceof CategoricalColumn).count();
        assertEquals(40, categorical);
        assertCategorical(frame, "MS_SubClass", "Neighborhood", "Overall_Cond", "Central_Air", "Sale_Condition");
        assertNumeric(frame, "Lot_Frontage", "Lot_Area", "Year_Built", "Gr_Liv_Area", "Sale_Price", "Longitude",
                "Latitude");
        // R's factor has 29 levels; one never occurs in the data, and a CSV carries only the values.
        assertEquals(28, levels(frame, "Neighborhood").size());
        assertEquals(0, frame.columns().stream().mapToInt(Column::missingCount).sum());
    }

    @Test
    void load_breastCancer_allNumericWithSpacedNames() throws DataException {
        Frame frame = load("breast_cancer.csv");

        assertEquals(569, frame.rows());
        assertEquals(31, frame.columnCount());
        assertEquals(31, frame.columns().stream().filter(c -> c instanceof NumericColumn).count());
        assertNumeric(frame, "mean radius", "worst fractal dimension", "target");
        assertEquals(17.99, frame.column("mean radius").encoded(0));
        assertEquals(0, frame.columns().stream().mapToInt(Column::missingCount).sum());
    }

    private static List<String> levels(Frame frame, String name) {
        return ((CategoricalColumn) frame.column(name)).levels();
    }
}

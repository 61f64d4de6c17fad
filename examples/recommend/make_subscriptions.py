"""Derives subscriptions.csv (customer x service, one row per service a customer has) from wa_churn.csv.

wa_churn.csv is the telco churn table of the R package modeldata 1.1.0 (MIT licence), one row per customer.
It has no customer id and no interaction times: customer_id is the row number (C0001 = the first row), and each
service column that says the customer has the service becomes one row. Nothing else is used; churn is dropped.
Run: python3 make_subscriptions.py path/to/wa_churn.csv > subscriptions.csv
"""
import csv
import sys

YES = {
    "phone_service": ("1", "Phone service"),
    "multiple_lines": ("Yes", "Multiple lines"),
    "online_security": ("Yes", "Online security"),
    "online_backup": ("Yes", "Online backup"),
    "device_protection": ("Yes", "Device protection"),
    "tech_support": ("Yes", "Tech support"),
    "streaming_tv": ("Yes", "Streaming TV"),
    "streaming_movies": ("Yes", "Streaming movies"),
    "paperless_billing": ("1", "Paperless billing"),
}
LEVELS = {
    "internet_service": {"DSL": "DSL internet", "Fiber optic": "Fiber optic internet"},
    "contract": {"One year": "One-year contract", "Two year": "Two-year contract"},
    "payment_method": {"Bank transfer (automatic)": "Automatic bank transfer",
                       "Credit card (automatic)": "Automatic credit card payment"},
}

def main(path):
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["customer_id", "service"])
    with open(path, newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=1):
            customer = "C%04d" % n
            for column, (value, service) in YES.items():
                if row[column] == value:
                    out.writerow([customer, service])
            for column, levels in LEVELS.items():
                if row[column] in levels:
                    out.writerow([customer, levels[row[column]]])

if __name__ == "__main__":
    main(sys.argv[1])

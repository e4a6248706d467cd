namespace Backoffice.Core.Kpi;

/// <summary>
/// The two calendars the figures are put on. Both are kept because they answer different questions: the cohort
/// view follows the orders created on a day to their outcome (so a day's figures keep changing until its orders
/// finish), the delivery-day view books each fact on the day it happened (revenue recognised on the delivery day,
/// losses on the day of the loss), so a closed day never changes.
/// </summary>
public enum KpiView
{
    /// <summary>By creation-day cohort: what happened (so far) to the orders created that day.</summary>
    Cohort,

    /// <summary>By delivery day: orders created that day, but revenue, losses and misses booked on the day they happened.</summary>
    DeliveryDay,
}

/// <summary>The labels the API uses for the views, and what each one means in a sentence.</summary>
public static class KpiViews
{
    public const string CohortName = "cohort";
    public const string DeliveryDayName = "delivery-day";

    public static string Name(this KpiView view) => view == KpiView.Cohort ? CohortName : DeliveryDayName;

    public static string Description(this KpiView view) => view == KpiView.Cohort
        ? "By creation-day cohort: every figure belongs to the day the order was created (merchant's time zone) and shows what has happened to those orders so far."
        : "By delivery day: orders and demand on the creation day, revenue on the delivery day, losses and deadline misses on the day they happened (merchant's time zone).";

    public static bool TryParse(string? text, out KpiView view)
    {
        switch (text)
        {
            case null or "" or CohortName:
                view = KpiView.Cohort;
                return true;
            case DeliveryDayName:
                view = KpiView.DeliveryDay;
                return true;
            default:
                view = default;
                return false;
        }
    }
}

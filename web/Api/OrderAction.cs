namespace Backoffice.Web.Api;

/// <summary>The order commands, spelled as the API's allowedActions and URL segments (api/Orders/OrderViews.cs).</summary>
public static class OrderAction
{
    public const string Confirm = "confirm";
    public const string Cancel = "cancel";
    public const string CancelLines = "cancel-lines";
    public const string Pickup = "pickup";
    public const string Pack = "pack";
    public const string Dispatch = "dispatch";
    public const string Delivery = "delivery";
    public const string CashHandover = "cash-handover";

    public static string Done(string action) => action switch
    {
        Confirm => "Order confirmed.",
        Cancel => "Order cancelled.",
        CancelLines => "Lines cancelled.",
        Pickup => "Pickup recorded.",
        Pack => "Packing recorded.",
        Dispatch => "Out for delivery.",
        Delivery => "Delivery recorded.",
        CashHandover => "Cash handover recorded.",
        _ => "Done.",
    };
}

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

    /// <summary>What the console says after a command succeeded, in the person's language.</summary>
    public static string Done(string action) => Localization.ConsoleText.Find("Done." + action) ?? Localization.ConsoleText.Get("Done.other");
}

namespace Backoffice.Web.Api;

/// <summary>The words for an order command (named as in <see cref="Contracts.Orders.OrderActionNames"/>) once it succeeded.</summary>
public static class OrderAction
{
    /// <summary>What the console says after a command succeeded, in the person's language.</summary>
    public static string Done(string action) => Localization.ConsoleText.Find("Done." + action) ?? Localization.ConsoleText.Get("Done.other");
}

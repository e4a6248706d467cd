namespace Backoffice.Web.Session;

/// <summary>A working stage as the console names it: the URL slug, the API's name, and (from the resources) a title and the department for people.</summary>
public sealed record Stage(string Slug, string ApiName)
{
    public string Title => Localization.ConsoleText.Get("Stage." + ApiName);

    public string Department => Localization.ConsoleText.Get("Stage.Department." + ApiName);

    /// <summary>"Confirmation queue" / "Очередь подтверждения".</summary>
    public string QueueTitle => Localization.ConsoleText.Get("Queue." + ApiName);
}

internal static class Stages
{
    public static readonly Stage Confirmation = new("confirmation", "confirmation");
    public static readonly Stage SupplierPickup = new("supplier-pickup", "supplierPickup");
    public static readonly Stage Packing = new("packing", "packing");
    public static readonly Stage Delivery = new("delivery", "delivery");

    public static readonly IReadOnlyList<Stage> Working = [Confirmation, SupplierPickup, Packing, Delivery];

    public static Stage? BySlug(string? slug) => Working.FirstOrDefault(s => string.Equals(s.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public static Stage? ByApiName(string? name) => Working.FirstOrDefault(s => string.Equals(s.ApiName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Any stage name from the API (terminal ones too) in words.</summary>
    public static string TitleOf(string apiName) => ByApiName(apiName)?.Title ?? Formatting.Words.Humanize(apiName);
}

namespace Backoffice.Web.Session;

/// <summary>A working stage as the console names it: the URL slug, the API's name and a title for people.</summary>
public sealed record Stage(string Slug, string ApiName, string Title, string Department);

internal static class Stages
{
    public static readonly Stage Confirmation = new("confirmation", "confirmation", "Confirmation", "Call centre");
    public static readonly Stage SupplierPickup = new("supplier-pickup", "supplierPickup", "Supplier pickup", "Purchasing");
    public static readonly Stage Packing = new("packing", "packing", "Packing", "Warehouse");
    public static readonly Stage Delivery = new("delivery", "delivery", "Delivery", "Outbound logistics");

    public static readonly IReadOnlyList<Stage> Working = [Confirmation, SupplierPickup, Packing, Delivery];

    public static Stage? BySlug(string? slug) => Working.FirstOrDefault(s => string.Equals(s.Slug, slug, StringComparison.OrdinalIgnoreCase));

    public static Stage? ByApiName(string? name) => Working.FirstOrDefault(s => string.Equals(s.ApiName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Any stage name from the API (terminal ones too) in words.</summary>
    public static string TitleOf(string apiName) => ByApiName(apiName)?.Title ?? Formatting.Words.Humanize(apiName);
}

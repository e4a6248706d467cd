using Backoffice.Api.OpenApi;
using Backoffice.Contracts.Merchants;

namespace Backoffice.Api.Merchants;

/// <summary>Example bodies of <c>PUT /api/merchants/{merchantId}</c>: a new merchant spells out its tariff; an update names only what changes.</summary>
internal static class MerchantExamples
{
    public static readonly BodyExample[] Put =
    [
        new("create", "Create a merchant: currency, time zone, service levels and the whole tariff (minor units and basis points)",
            new MerchantRequest(
                "Demo Fashion", "EUR", "Europe/Berlin", new DeadlinesRequest(2, 48, 24, 72, 3, 3), new TariffRequest(150, 100, 50, true),
                "https://shop.example/hooks/order-status", true, Region: "DE")),
        new("change-a-deadline", "Update: give the call centre three and a half hours to confirm; everything else stays",
            new MerchantRequest(null, null, null, new DeadlinesRequest(3.5, null, null, null, null, null), null, null, null)),
        new("deactivate", "Stop taking orders from this merchant's storefront", new MerchantRequest(null, null, null, null, null, null, false)),
    ];
}

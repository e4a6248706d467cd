using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Webhooks;

/// <summary>The part of Shopify's <c>orders/create</c> payload we use. Prices are decimal strings in major units.</summary>
public sealed record ShopifyOrder(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("financial_status")] string? FinancialStatus,
    [property: JsonPropertyName("payment_gateway_names")] IReadOnlyList<string>? PaymentGatewayNames,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("customer")] ShopifyCustomer? Customer,
    [property: JsonPropertyName("shipping_address")] ShopifyAddress? ShippingAddress,
    [property: JsonPropertyName("line_items")] IReadOnlyList<ShopifyLine?>? LineItems,
    [property: JsonPropertyName("shipping_lines")] IReadOnlyList<ShopifyShippingLine?>? ShippingLines,
    [property: JsonPropertyName("billing_address")] ShopifyAddress? BillingAddress = null,
    [property: JsonPropertyName("note")] string? Note = null);

public sealed record ShopifyCustomer(
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone);

public sealed record ShopifyAddress(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("address1")] string? Address1,
    [property: JsonPropertyName("address2")] string? Address2,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("province")] string? Province,
    [property: JsonPropertyName("zip")] string? Zip,
    [property: JsonPropertyName("country_code")] string? CountryCode,
    [property: JsonPropertyName("phone")] string? Phone);

public sealed record ShopifyLine(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("quantity")] long? Quantity,
    [property: JsonPropertyName("price")] string? Price,
    [property: JsonPropertyName("properties")] IReadOnlyList<ShopifyProperty?>? Properties,
    [property: JsonPropertyName("variant_title")] string? VariantTitle = null);

public sealed record ShopifyProperty([property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("value")] JsonElement Value);

public sealed record ShopifyShippingLine([property: JsonPropertyName("price")] string? Price);

/// <summary>
/// Maps Shopify orders: cash on delivery when the gateway names it or the order is not paid; a line property
/// <c>_supplier</c> marks a line the warehouse does not hold. A line is named as Shopify names it — product and
/// variant ("Hoodie - M / Graphite") — since a packer picks by size and colour; the order keeps its shop name
/// ("#1047") and the customer's note.
/// </summary>
public static class ShopifyFormat
{
    public static OrderDraft? ToDraft(ShopifyOrder body, Merchant merchant, FieldErrors errors)
    {
        var merchantCurrency = merchant.Currency;
        if (body.Id is not > 0)
        {
            errors.Add("id", "Required.");
        }

        if (body.Currency != merchantCurrency)
        {
            errors.Add("currency", $"This merchant trades in {merchantCurrency}.");
        }

        var cod = body.PaymentGatewayNames?.Any(g => g.Contains("cash on delivery", StringComparison.OrdinalIgnoreCase) || g.Contains("COD", StringComparison.Ordinal)) == true
            || !string.Equals(body.FinancialStatus, "paid", StringComparison.OrdinalIgnoreCase);
        var shipping = body.ShippingAddress;
        if (shipping is null)
        {
            errors.Add("shipping_address", "Required: we deliver to it.");
        }

        var name = errors.Text("shipping_address.name", shipping?.Name ?? $"{body.Customer?.FirstName} {body.Customer?.LastName}".Trim(), 200);
        var (phonePath, phoneText, phoneCountries) =
            body.Phone is not null ? ("phone", body.Phone, new[] { body.BillingAddress?.CountryCode, shipping?.CountryCode })
            : shipping?.Phone is not null ? ("shipping_address.phone", shipping.Phone, new[] { shipping.CountryCode, body.BillingAddress?.CountryCode })
            : body.BillingAddress?.Phone is not null ? ("billing_address.phone", body.BillingAddress.Phone, new[] { body.BillingAddress.CountryCode, shipping?.CountryCode })
            : ("phone", body.Customer?.Phone, new[] { body.BillingAddress?.CountryCode, shipping?.CountryCode });
        var phone = errors.Phone(phonePath, phoneText, FieldErrors.PhoneRegion(merchant.Region, Upper(phoneCountries)));
        var email = errors.Email("email", body.Email ?? body.Customer?.Email);
        var address = new Address(
            errors.Text("shipping_address.address1", shipping?.Address1, 200) ?? string.Empty,
            errors.Text("shipping_address.address2", shipping?.Address2, 200, required: false),
            errors.Text("shipping_address.city", shipping?.City, 100) ?? string.Empty,
            errors.Text("shipping_address.province", shipping?.Province, 100, required: false),
            errors.Text("shipping_address.zip", shipping?.Zip, 20, required: false),
            errors.Country("shipping_address.country_code", shipping?.CountryCode) ?? string.Empty);
        var fee = body.ShippingLines?.Select((s, i) => errors.MajorUnits($"shipping_lines[{i}].price", s?.Price, merchantCurrency)).Sum() ?? 0;

        var lines = new List<OrderLine>();
        if (body.LineItems is not { Count: > 0 } items)
        {
            errors.Add("line_items", "At least one line is required.");
        }
        else if (items.Count > OwnOrderFormat.MaxLines)
        {
            errors.Add("line_items", $"At most {OwnOrderFormat.MaxLines} lines per order.");
        }
        else
        {
            for (var i = 0; i < items.Count; i++)
            {
                var path = $"line_items[{i}]";
                if (items[i] is not { } l)
                {
                    errors.Add(path, "Required.");
                    continue;
                }

                var supplier = l.Properties?.FirstOrDefault(p => p?.Name == "_supplier")?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
                lines.Add(new OrderLine(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    errors.Identifier($"{path}.sku", l.Sku, 64) ?? string.Empty,
                    LineName(l, path, errors) ?? string.Empty,
                    errors.Quantity($"{path}.quantity", l.Quantity),
                    errors.MajorUnits($"{path}.price", l.Price, merchantCurrency),
                    errors.Identifier($"{path}.properties._supplier", supplier, 64, required: false),
                    supplier is null));
            }
        }

        errors.OrderTotal("line_items", lines, fee);
        var displayName = errors.Identifier("name", body.Name, OwnOrderFormat.MaxDisplayName, required: false);
        var note = errors.Text("note", body.Note, OwnOrderFormat.MaxNote, required: false, multiline: true);
        return errors.Any
            ? null
            : new OrderDraft(body.Id!.Value.ToString(CultureInfo.InvariantCulture), new Customer(name!, phone!, email, address), lines, fee, merchantCurrency,
                cod ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid, "shopify", displayName, note);
    }

    /// <summary>
    /// Shopify's line <c>name</c> is product and variant already ("Hoodie - M / Graphite"); without it, <c>title</c>
    /// and <c>variant_title</c> make the same. "Default Title" is Shopify's variant of a product that has none.
    /// </summary>
    private static string? LineName(ShopifyLine l, string path, FieldErrors errors)
    {
        if (!string.IsNullOrWhiteSpace(l.Name))
        {
            return errors.Text($"{path}.name", l.Name, 200);
        }

        var variant = string.IsNullOrWhiteSpace(l.VariantTitle) || l.VariantTitle.Trim() == "Default Title" ? null : l.VariantTitle.Trim();
        return errors.Text($"{path}.title", variant is null || l.Title is null ? l.Title : $"{l.Title.Trim()} - {variant}", 200);
    }

    private static string?[] Upper(string?[] codes) => codes.Select(c => c?.Trim().ToUpperInvariant()).ToArray();
}

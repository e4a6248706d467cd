using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
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
    [property: JsonPropertyName("shipping_lines")] IReadOnlyList<ShopifyShippingLine?>? ShippingLines);

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
    [property: JsonPropertyName("properties")] IReadOnlyList<ShopifyProperty?>? Properties);

public sealed record ShopifyProperty([property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("value")] JsonElement Value);

public sealed record ShopifyShippingLine([property: JsonPropertyName("price")] string? Price);

/// <summary>
/// Maps Shopify orders: cash on delivery when the gateway names it or the order is not paid; a line property
/// <c>_supplier</c> marks a line the warehouse does not hold.
/// </summary>
public static class ShopifyFormat
{
    public static OrderDraft? ToDraft(ShopifyOrder body, string merchantCurrency, FieldErrors errors)
    {
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
        var phone = errors.Phone("phone", body.Phone ?? shipping?.Phone ?? body.Customer?.Phone);
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
                    errors.Text($"{path}.title", l.Title ?? l.Name, 200) ?? string.Empty,
                    errors.Quantity($"{path}.quantity", l.Quantity),
                    errors.MajorUnits($"{path}.price", l.Price, merchantCurrency),
                    errors.Identifier($"{path}.properties._supplier", supplier, 64, required: false),
                    supplier is null));
            }
        }

        errors.OrderTotal("line_items", lines, fee);
        return errors.Any
            ? null
            : new OrderDraft(body.Id!.Value.ToString(CultureInfo.InvariantCulture), new Customer(name!, phone!, email, address), lines, fee, merchantCurrency,
                cod ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid, "shopify");
    }
}

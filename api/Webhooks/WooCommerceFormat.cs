using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Webhooks;

/// <summary>The part of WooCommerce's <c>order.created</c> payload we use. Prices come as strings or numbers in major units.</summary>
public sealed record WooOrder(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("currency")] string? Currency,
    [property: JsonPropertyName("payment_method")] string? PaymentMethod,
    [property: JsonPropertyName("set_paid")] bool? SetPaid,
    [property: JsonPropertyName("billing")] WooAddress? Billing,
    [property: JsonPropertyName("shipping")] WooAddress? Shipping,
    [property: JsonPropertyName("line_items")] IReadOnlyList<WooLine?>? LineItems,
    [property: JsonPropertyName("shipping_total")] JsonElement ShippingTotal);

public sealed record WooAddress(
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("address_1")] string? Address1,
    [property: JsonPropertyName("address_2")] string? Address2,
    [property: JsonPropertyName("city")] string? City,
    [property: JsonPropertyName("state")] string? State,
    [property: JsonPropertyName("postcode")] string? Postcode,
    [property: JsonPropertyName("country")] string? Country,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("phone")] string? Phone);

public sealed record WooLine(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("sku")] string? Sku,
    [property: JsonPropertyName("quantity")] long? Quantity,
    [property: JsonPropertyName("price")] JsonElement Price,
    [property: JsonPropertyName("meta_data")] IReadOnlyList<WooMeta?>? MetaData);

public sealed record WooMeta([property: JsonPropertyName("key")] string? Key, [property: JsonPropertyName("value")] JsonElement Value);

/// <summary>Maps WooCommerce orders: <c>payment_method</c> "cod" is cash on delivery; meta <c>_supplier</c> marks a supplier line.</summary>
public static class WooCommerceFormat
{
    public static OrderDraft? ToDraft(WooOrder body, string merchantCurrency, FieldErrors errors)
    {
        if (body.Id is not > 0)
        {
            errors.Add("id", "Required.");
        }

        if (body.Currency != merchantCurrency)
        {
            errors.Add("currency", $"This merchant trades in {merchantCurrency}.");
        }

        var cod = string.Equals(body.PaymentMethod, "cod", StringComparison.OrdinalIgnoreCase) && body.SetPaid != true;
        var ship = body.Shipping is { Address1.Length: > 0 } ? body.Shipping : body.Billing;
        var shipPath = body.Shipping is { Address1.Length: > 0 } ? "shipping" : "billing";
        if (ship is null)
        {
            errors.Add("shipping", "Required: we deliver to it.");
        }

        var name = errors.Text($"{shipPath}.first_name", $"{ship?.FirstName} {ship?.LastName}".Trim(), 200);
        var phone = errors.Phone("billing.phone", body.Billing?.Phone ?? ship?.Phone);
        var email = errors.Email("billing.email", body.Billing?.Email);
        var address = new Address(
            errors.Text($"{shipPath}.address_1", ship?.Address1, 200) ?? string.Empty,
            errors.Text($"{shipPath}.address_2", ship?.Address2, 200, required: false),
            errors.Text($"{shipPath}.city", ship?.City, 100) ?? string.Empty,
            errors.Text($"{shipPath}.state", ship?.State, 100, required: false),
            errors.Text($"{shipPath}.postcode", ship?.Postcode, 20, required: false),
            errors.Country($"{shipPath}.country", ship?.Country) ?? string.Empty);
        var fee = errors.MajorUnits("shipping_total", AmountText(body.ShippingTotal), merchantCurrency, required: false);

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

                var supplier = l.MetaData?.FirstOrDefault(m => m?.Key == "_supplier")?.Value is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
                lines.Add(new OrderLine(
                    (i + 1).ToString(CultureInfo.InvariantCulture),
                    errors.Identifier($"{path}.sku", l.Sku, 64) ?? string.Empty,
                    errors.Text($"{path}.name", l.Name, 200) ?? string.Empty,
                    errors.Quantity($"{path}.quantity", l.Quantity),
                    errors.MajorUnits($"{path}.price", AmountText(l.Price), merchantCurrency),
                    errors.Identifier($"{path}.meta_data._supplier", supplier, 64, required: false),
                    supplier is null));
            }
        }

        errors.OrderTotal("line_items", lines, fee);
        return errors.Any
            ? null
            : new OrderDraft(body.Id!.Value.ToString(CultureInfo.InvariantCulture), new Customer(name!, phone!, email, address), lines, fee, merchantCurrency,
                cod ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid, "woocommerce");
    }

    private static string? AmountText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };
}

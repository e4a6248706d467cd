using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Webhooks;

/// <summary>The part of WooCommerce's <c>order.created</c> payload we use. Prices come as strings or numbers in major units.</summary>
public sealed record WooOrder(
    [property: JsonPropertyName("id")] long? Id,
    [property: JsonPropertyName("number")] JsonElement Number,
    [property: JsonPropertyName("customer_note")] string? CustomerNote,
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
    [property: JsonPropertyName("meta_data")] IReadOnlyList<WooMeta?>? MetaData,
    [property: JsonPropertyName("variation_id")] long? VariationId = null);

public sealed record WooMeta(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("value")] JsonElement Value,
    [property: JsonPropertyName("display_value")] JsonElement DisplayValue);

/// <summary>
/// Maps WooCommerce orders: <c>payment_method</c> "cod" is cash on delivery; meta <c>_supplier</c> marks a supplier line.
/// A variation's line is named with its attributes ("Hoodie - M / Graphite", from the line's visible meta); the
/// order keeps its shop number as "#1047" (how WooCommerce shows it) and the customer's note.
/// </summary>
public static class WooCommerceFormat
{
    public static OrderDraft? ToDraft(WooOrder body, Merchant merchant, FieldErrors errors)
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

        var cod = string.Equals(body.PaymentMethod, "cod", StringComparison.OrdinalIgnoreCase) && body.SetPaid != true;
        var ship = body.Shipping is { Address1.Length: > 0 } ? body.Shipping : body.Billing;
        var shipPath = body.Shipping is { Address1.Length: > 0 } ? "shipping" : "billing";
        if (ship is null)
        {
            errors.Add("shipping", "Required: we deliver to it.");
        }

        var name = errors.Text($"{shipPath}.first_name", $"{ship?.FirstName} {ship?.LastName}".Trim(), 200);
        var phonePath = body.Billing?.Phone is not null ? "billing.phone" : $"{shipPath}.phone";
        var phone = errors.Phone(phonePath, body.Billing?.Phone ?? ship?.Phone,
            FieldErrors.PhoneRegion(merchant.Region, body.Billing?.Country?.Trim().ToUpperInvariant(), body.Shipping?.Country?.Trim().ToUpperInvariant()));
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
                    errors.Text($"{path}.name", LineName(l), 200) ?? string.Empty,
                    errors.Quantity($"{path}.quantity", l.Quantity),
                    errors.MajorUnits($"{path}.price", AmountText(l.Price), merchantCurrency),
                    errors.Identifier($"{path}.meta_data._supplier", supplier, 64, required: false),
                    supplier is null));
            }
        }

        errors.OrderTotal("line_items", lines, fee);
        var number = errors.Identifier("number", AmountText(body.Number), OwnOrderFormat.MaxDisplayName - 1, required: false);
        var note = errors.Text("customer_note", body.CustomerNote, OwnOrderFormat.MaxNote, required: false, multiline: true);
        return errors.Any
            ? null
            : new OrderDraft(body.Id!.Value.ToString(CultureInfo.InvariantCulture), new Customer(name!, phone!, email, address), lines, fee, merchantCurrency,
                cod ? PaymentMethod.CashOnDelivery : PaymentMethod.Prepaid, "woocommerce", number is null ? null : "#" + number, note);
    }

    /// <summary>
    /// A variation's attributes travel as the line's visible meta (keys without a leading underscore, e.g.
    /// <c>pa_size</c> = M); they are appended unless the name already carries them, as newer WooCommerce does.
    /// </summary>
    private static string? LineName(WooLine l)
    {
        if (l.VariationId is not > 0 || l.Name is null || l.MetaData is null)
        {
            return l.Name;
        }

        var values = l.MetaData
            .Where(m => m?.Key is { Length: > 0 } key && !key.StartsWith('_'))
            .Select(m => (m!.DisplayValue.ValueKind == JsonValueKind.String ? m.DisplayValue.GetString() : null) ?? (m.Value.ValueKind == JsonValueKind.String ? m.Value.GetString() : null))
            .Where(v => !string.IsNullOrWhiteSpace(v) && !l.Name.Contains(v!.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(v => v!.Trim())
            .ToArray();
        return values.Length == 0 ? l.Name : $"{l.Name.Trim()} - {string.Join(" / ", values)}";
    }

    private static string? AmountText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number => e.GetRawText(),
        _ => null,
    };
}

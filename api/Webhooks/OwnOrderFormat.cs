using Backoffice.Core.Merchants;
using Backoffice.Core.Orders;

namespace Backoffice.Api.Webhooks;

/// <summary>Our own order webhook body (docs/webhooks.md). Amounts are integers in minor units.</summary>
public sealed record OwnOrderPayload(
    string? ExternalOrderId,
    string? Currency,
    string? Payment,
    long? DeliveryFee,
    OwnCustomer? Customer,
    IReadOnlyList<OwnLine?>? Lines,
    string? DisplayName = null,
    string? Note = null);

public sealed record OwnCustomer(string? Name, string? Phone, string? Email, OwnAddress? Address);

public sealed record OwnAddress(string? Line1, string? Line2, string? City, string? Region, string? PostalCode, string? Country);

public sealed record OwnLine(string? Sku, string? Name, long? Quantity, long? UnitPrice, string? SupplierId, bool? InWarehouse);

public static class OwnOrderFormat
{
    public const int MaxLines = 100;

    /// <summary>Longest display name kept: shop order names are short ("#1047", "SO-2026-000123").</summary>
    public const int MaxDisplayName = 64;

    /// <summary>Longest customer note kept; storefronts cap theirs at about this.</summary>
    public const int MaxNote = 2000;

    public static OrderDraft? ToDraft(OwnOrderPayload body, Merchant merchant, FieldErrors errors)
    {
        var merchantCurrency = merchant.Currency;
        var externalId = errors.Identifier("externalOrderId", body.ExternalOrderId);
        var currency = body.Currency;
        if (currency != merchantCurrency)
        {
            errors.Add("currency", $"This merchant trades in {merchantCurrency}.");
        }

        PaymentMethod? payment = body.Payment switch
        {
            "cashOnDelivery" => PaymentMethod.CashOnDelivery,
            "prepaid" => PaymentMethod.Prepaid,
            _ => null,
        };
        if (payment is null)
        {
            errors.Add("payment", "Use cashOnDelivery or prepaid.");
        }

        var fee = errors.Amount("deliveryFee", body.DeliveryFee ?? 0);
        var customer = Customer(body.Customer, merchant.Region, errors);
        var lines = Lines(body.Lines, errors);
        errors.OrderTotal("lines", lines, fee);
        var displayName = errors.Identifier("displayName", body.DisplayName, MaxDisplayName, required: false);
        var note = errors.Text("note", body.Note, MaxNote, required: false, multiline: true);
        return errors.Any ? null : new OrderDraft(externalId!, customer!, lines, fee, merchantCurrency, payment!.Value, "own", displayName, note);
    }

    private static Customer? Customer(OwnCustomer? c, string? merchantRegion, FieldErrors errors)
    {
        if (c is null)
        {
            errors.Add("customer", "Required.");
            return null;
        }

        var name = errors.Text("customer.name", c.Name, 200);
        var phone = errors.Phone("customer.phone", c.Phone, FieldErrors.PhoneRegion(merchantRegion, c.Address?.Country?.Trim().ToUpperInvariant()));
        var email = errors.Email("customer.email", c.Email);
        if (c.Address is not { } a)
        {
            errors.Add("customer.address", "Required.");
            return null;
        }

        var address = new Address(
            errors.Text("customer.address.line1", a.Line1, 200) ?? string.Empty,
            errors.Text("customer.address.line2", a.Line2, 200, required: false),
            errors.Text("customer.address.city", a.City, 100) ?? string.Empty,
            errors.Text("customer.address.region", a.Region, 100, required: false),
            errors.Text("customer.address.postalCode", a.PostalCode, 20, required: false),
            errors.Country("customer.address.country", a.Country) ?? string.Empty);
        return new Customer(name ?? string.Empty, phone ?? string.Empty, email, address);
    }

    private static List<OrderLine> Lines(IReadOnlyList<OwnLine?>? lines, FieldErrors errors)
    {
        var result = new List<OrderLine>();
        if (lines is null || lines.Count == 0)
        {
            errors.Add("lines", "At least one line is required.");
            return result;
        }

        if (lines.Count > MaxLines)
        {
            errors.Add("lines", $"At most {MaxLines} lines per order.");
            return result;
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var path = $"lines[{i}]";
            if (lines[i] is not { } l)
            {
                errors.Add(path, "Required.");
                continue;
            }

            var sku = errors.Identifier($"{path}.sku", l.Sku, 64);
            var name = errors.Text($"{path}.name", l.Name, 200);
            var qty = errors.Quantity($"{path}.quantity", l.Quantity);
            var price = errors.Amount($"{path}.unitPrice", l.UnitPrice);
            var supplier = errors.Identifier($"{path}.supplierId", l.SupplierId, 64, required: false);
            var inWarehouse = l.InWarehouse ?? supplier is null;
            if (!inWarehouse && supplier is null)
            {
                errors.Add($"{path}.supplierId", "A line the warehouse does not hold needs the supplier to pick it up from.");
            }

            result.Add(new OrderLine((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), sku ?? string.Empty, name ?? string.Empty, qty, price, supplier, inWarehouse));
        }

        return result;
    }
}

using Backoffice.Core.Orders;

namespace Backoffice.Core.Customers;

/// <summary>
/// Personal data rules: what logs may show of a person (masked), and what is left of them after erasure (nothing
/// that identifies them; the country stays for statistics, orders and money stay for finance).
/// </summary>
public static class PersonalData
{
    public const string ErasedName = "(erased)";

    /// <summary>"+4915112345678" → "+49*********678": enough to tell two numbers apart in a log, not to call one.</summary>
    public static string MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return string.Empty;
        }

        if (phone.Length <= 6)
        {
            return new string('*', phone.Length);
        }

        return string.Concat(phone.AsSpan(0, 3), new string('*', phone.Length - 6), phone.AsSpan(phone.Length - 3));
    }

    /// <summary>"anna@example.com" → "a***@example.com".</summary>
    public static string MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return string.Empty;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "***" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }

    /// <summary>"Anna Schmidt" → "A*** S***".</summary>
    public static string MaskName(string? name) =>
        string.IsNullOrWhiteSpace(name)
            ? string.Empty
            : string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w[0] + "***"));

    /// <summary>The customer as an order keeps it after erasure: no name, phone, e-mail or street; the country stays.</summary>
    public static Customer Anonymise(Customer customer) =>
        new(ErasedName, string.Empty, null, new Address(string.Empty, null, string.Empty, null, null, customer.Address.Country));

    public static bool IsAnonymised(Customer customer) => customer.Name == ErasedName && customer.Phone.Length == 0;
}

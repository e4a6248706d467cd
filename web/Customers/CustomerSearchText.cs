using Backoffice.Web.Api;

namespace Backoffice.Web.Customers;

/// <summary>
/// One search box for both ways the API searches: what starts like a number (<c>+</c>, <c>00</c> or a digit) is the start of
/// a phone number, anything else the start of a name.
/// </summary>
internal static class CustomerSearchText
{
    /// <summary>The search to send, or null when nothing was typed (then the page lists every customer).</summary>
    public static CustomerSearchRequest? ToRequest(string? text, int pageSize, string? continuationToken = null)
    {
        var typed = text?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return null;
        }

        return typed[0] == '+' || char.IsAsciiDigit(typed[0])
            ? new CustomerSearchRequest(typed, null, pageSize, continuationToken)
            : new CustomerSearchRequest(null, typed, pageSize, continuationToken);
    }
}

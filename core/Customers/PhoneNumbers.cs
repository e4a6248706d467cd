using System.Text;

namespace Backoffice.Core.Customers;

/// <summary>
/// Phone numbers as the customer base keys them: E.164 (<c>+</c>, country code, subscriber number; 8–15 digits).
/// Separators people type (spaces, dashes, dots, brackets) are dropped and a leading <c>00</c> becomes <c>+</c>.
/// </summary>
public static class PhoneNumbers
{
    /// <summary>The E.164 form, or null when the text is not an international number.</summary>
    public static string? Normalise(string? text)
    {
        var compact = Compact(text);
        return compact is { Length: >= 9 and <= 16 } && compact[1] != '0' ? compact : null;
    }

    /// <summary>A search prefix: the start of an international number ("+49 151" → "+49151"); a missing + is assumed.</summary>
    public static string? SearchPrefix(string? text)
    {
        var compact = Compact(text is { Length: > 0 } t && !t.TrimStart().StartsWith('+') && !t.TrimStart().StartsWith("00", StringComparison.Ordinal) ? "+" + t.Trim() : text);
        return compact is { Length: >= 2 and <= 16 } ? compact : null;
    }

    private static string? Compact(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return null;
        }

        var digits = new StringBuilder(16);
        var trimmed = text.Trim();
        var start = 0;
        if (trimmed.StartsWith('+'))
        {
            start = 1;
        }
        else if (trimmed.StartsWith("00", StringComparison.Ordinal))
        {
            start = 2;
        }
        else
        {
            return null;
        }

        foreach (var c in trimmed[start..])
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return null;
            }
        }

        return "+" + digits;
    }
}

namespace Backoffice.Core.Customers;

/// <summary>E-mail addresses as the customer base keys them: trimmed and lower-cased (how people mistype them).</summary>
public static class EmailAddresses
{
    public static string? Normalise(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254)
        {
            return null;
        }

        var at = trimmed.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == trimmed.LastIndexOf('@') && at < trimmed.Length - 3 && trimmed.IndexOf('.', at) > at + 1 && !trimmed.Any(char.IsWhiteSpace)
            ? trimmed.ToLowerInvariant()
            : null;
    }
}

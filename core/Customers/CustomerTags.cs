namespace Backoffice.Core.Customers;

/// <summary>Tags the call centre or the merchant put on a customer: short, lower-case words ("vip", "wholesale").</summary>
public static class CustomerTags
{
    public const int MaxTags = 20;
    public const int MaxLength = 32;

    /// <summary>Normalised tag, or null when it is not one (empty, too long, characters other than letters, digits, - and _).</summary>
    public static string? Normalise(string? tag)
    {
        var text = tag?.Trim().ToLowerInvariant();
        return text is { Length: > 0 and <= MaxLength } && text.All(c => char.IsLetterOrDigit(c) || c is '-' or '_') ? text : null;
    }
}

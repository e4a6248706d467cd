using System.Text;

namespace Backoffice.Infra.Stock;

/// <summary>
/// Free text (SKUs, e-mails, line ids) inside a table key. Table keys forbid <c>/ \ # ?</c> and control characters,
/// and our keys use <c>~</c> between parts, so everything but a safe alphabet is written as <c>%XX</c> UTF-8 bytes:
/// the encoding is reversible, never contains <c>~</c>, and keeps prefixes of one value from matching another.
/// </summary>
public static class KeySegment
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.All(IsSafe))
        {
            return value;
        }

        var text = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && IsSafe((char)rune.Value))
            {
                text.Append((char)rune.Value);
                continue;
            }

            var n = rune.EncodeToUtf8(bytes);
            foreach (var b in bytes[..n])
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    public static string Unescape(string key) => Uri.UnescapeDataString(key);

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '@' or '+' or ' ' or ':' or ',';
}

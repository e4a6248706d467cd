using System.Globalization;
using System.Text;

namespace Backoffice.Core.Customers;

/// <summary>
/// Names as the search index keys them: lower case, accents removed, words of letters and digits. A name is found by
/// a prefix of its full form or of any later word ("schm" finds "Anna Schmidt").
/// </summary>
public static class CustomerNames
{
    public const int MaxKeys = 4;
    private const int MaxKeyLength = 60;

    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return string.Empty;
        }

        var decomposed = name.Normalize(NormalizationForm.FormD);
        var text = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                if (space && text.Length > 0)
                {
                    text.Append(' ');
                }

                text.Append(char.ToLowerInvariant(c));
                space = false;
            }
            else
            {
                space = true;
            }
        }

        var result = text.ToString().Normalize(NormalizationForm.FormC);
        return result.Length > MaxKeyLength ? result[..MaxKeyLength].TrimEnd() : result;
    }

    /// <summary>The index keys of a name: its full normalised form, then each later word.</summary>
    public static IReadOnlyList<string> SearchKeys(string? name)
    {
        var full = Normalise(name);
        if (full.Length == 0)
        {
            return [];
        }

        var words = full.Split(' ');
        return new[] { full }.Concat(words.Skip(1)).Distinct(StringComparer.Ordinal).Take(MaxKeys).ToArray();
    }
}

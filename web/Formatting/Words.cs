using System.Text;
using Backoffice.Web.Localization;

namespace Backoffice.Web.Formatting;

/// <summary>
/// API identifiers (camelCase enum values) as words people read, from the resources ("Id.customerChangedMind" →
/// "Customer changed mind" / "Клиент передумал"); a value this build has no words for is spelled out from its name.
/// </summary>
internal static class Words
{
    public static string Humanize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return ConsoleText.Find("Id." + value) ?? ConsoleText.Find("Id." + char.ToLowerInvariant(value[0]) + value[1..]) ?? Spell(value);
    }

    private static string Spell(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '-' or '_')
            {
                text.Append(' ');
                continue;
            }

            var startsWord = i > 0 && char.IsUpper(c) && (char.IsLower(value[i - 1]) || (i + 1 < value.Length && char.IsLower(value[i + 1]) && char.IsUpper(value[i - 1])));
            if (startsWord)
            {
                text.Append(' ');
            }

            text.Append(i == 0 ? char.ToUpperInvariant(c) : (startsWord ? char.ToLowerInvariant(c) : c));
        }

        return text.ToString();
    }
}

using System.Globalization;
using System.Resources;

namespace Backoffice.Web.Localization;

/// <summary>
/// The console's words: ConsoleText.resx (English, the neutral language) and ConsoleText.ru.resx. Components read them
/// through <c>IStringLocalizer&lt;ConsoleText&gt;</c> (injected as <c>T</c> in _Imports.razor); the static formatting
/// helpers, which have no injection, read the same resources through <see cref="Get"/>.
/// </summary>
public sealed class ConsoleText
{
    private static readonly ResourceManager Resources = new(typeof(ConsoleText));

    /// <summary>The text of <paramref name="key"/> in the current UI culture; the key itself when it has none.</summary>
    public static string Get(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    /// <summary>The text of <paramref name="key"/> with its placeholders filled for the current culture.</summary>
    public static string Format(string key, params object?[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    /// <summary>The text of <paramref name="key"/>, or null when the resources have none (an API value this build does not know).</summary>
    public static string? Find(string key) => Resources.GetString(key, CultureInfo.CurrentUICulture);
}

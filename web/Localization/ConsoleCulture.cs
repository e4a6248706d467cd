using System.Globalization;

namespace Backoffice.Web.Localization;

/// <summary>
/// The console's two languages and how one is chosen: the person's stored choice, else the browser's language (ru* is
/// Russian, anything else English). English formats as en-GB (day first, 24-hour clock) so no date reads the US way
/// next to the ISO date inputs; Russian as ru-RU (1 234,56 €, 04.12.2026).
/// </summary>
internal static class ConsoleCulture
{
    public const string English = "en";
    public const string Russian = "ru";

    /// <summary>The localStorage key the choice is kept under (per browser, across tabs and sign-ins).</summary>
    public const string StorageKey = "backoffice.language";

    public static IReadOnlyList<string> Languages { get; } = [English, Russian];

    /// <summary>The language to use: a valid stored choice wins, then the browser's language, then English.</summary>
    public static string Choose(string? stored, string? browserLanguage)
    {
        if (Normalize(stored) is { } chosen)
        {
            return chosen;
        }

        return browserLanguage is not null && browserLanguage.StartsWith(Russian, StringComparison.OrdinalIgnoreCase) ? Russian : English;
    }

    /// <summary>The formatting culture of a language.</summary>
    public static CultureInfo CultureOf(string language) =>
        CultureInfo.GetCultureInfo(Normalize(language) == Russian ? "ru-RU" : "en-GB");

    /// <summary>Makes the language the app's culture for formatting and resources; set before the first render.</summary>
    public static void Apply(string language)
    {
        var culture = CultureOf(language);
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
    }

    /// <summary>The language now in use.</summary>
    public static string Current => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Russian ? Russian : English;

    /// <summary>The language's own name, as a picker shows it ("English", "Русский"): from ICU, not from a string here.</summary>
    public static string NativeName(string language)
    {
        var name = CultureInfo.GetCultureInfo(language).NativeName;
        return name.Length == 0 ? language : char.ToUpper(name[0], CultureInfo.GetCultureInfo(language)) + name[1..];
    }

    private static string? Normalize(string? language) =>
        language is null ? null : Languages.FirstOrDefault(l => language.StartsWith(l, StringComparison.OrdinalIgnoreCase));
}

using Microsoft.JSInterop;

namespace Backoffice.Web.Localization;

/// <summary>Reads and stores the person's language in the browser's localStorage; the culture is applied at start-up.</summary>
internal sealed class LanguageChoice(IJSRuntime js)
{
    /// <summary>The language to start in: the stored choice, else the browser's language.</summary>
    public async Task<string> StartupLanguageAsync()
    {
        var stored = await js.InvokeAsync<string?>("backofficeConsole.language.stored", ConsoleCulture.StorageKey);
        var browser = await js.InvokeAsync<string?>("backofficeConsole.language.browser");
        var language = ConsoleCulture.Choose(stored, browser);
        await js.InvokeVoidAsync("backofficeConsole.language.mark", language);
        return language;
    }

    /// <summary>Remembers the choice; the caller reloads the app so every string and format is rebuilt in it.</summary>
    public ValueTask StoreAsync(string language) => js.InvokeVoidAsync("backofficeConsole.language.store", ConsoleCulture.StorageKey, language);
}

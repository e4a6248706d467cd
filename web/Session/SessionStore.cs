using System.Text.Json;
using Microsoft.JSInterop;

namespace Backoffice.Web.Session;

/// <summary>Where the signed-in user is kept between page loads.</summary>
internal interface ISessionStore
{
    ValueTask<SignedInUser?> LoadAsync();

    ValueTask SaveAsync(SignedInUser? user);
}

/// <summary>
/// The browser's sessionStorage: a tab keeps its sign-in across reloads, a new tab or a closed browser starts over, so a
/// development token does not outlive the person's work.
/// </summary>
internal sealed class BrowserSessionStore(IJSRuntime js) : ISessionStore
{
    private const string Key = "backoffice.session";

    public async ValueTask<SignedInUser?> LoadAsync()
    {
        try
        {
            var json = await js.InvokeAsync<string?>("sessionStorage.getItem", Key);
            return string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<SignedInUser>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask SaveAsync(SignedInUser? user)
    {
        if (user is null)
        {
            await js.InvokeVoidAsync("sessionStorage.removeItem", Key);
        }
        else
        {
            await js.InvokeVoidAsync("sessionStorage.setItem", Key, JsonSerializer.Serialize(user));
        }
    }
}

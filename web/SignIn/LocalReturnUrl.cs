namespace Backoffice.Web.SignIn;

/// <summary>
/// Where the sign-in page may send someone afterwards: a local path only, decided exactly as ASP.NET Core's
/// <c>IUrlHelper.IsLocalUrl</c> decides it (that helper lives in MVC, which a WebAssembly app does not ship). A browser
/// reads <c>/\evil.example</c> as <c>//evil.example</c>, another site, so a backslash after the first slash is refused like
/// a second slash, and so is any control character (a tab or newline the browser strips to the same effect).
/// </summary>
internal static class LocalReturnUrl
{
    /// <summary>The return address if it is local, else the console's home.</summary>
    public static string OrHome(string? url) => IsLocalUrl(url) ? (url![0] == '~' ? url[1..] : url) : "/";

    /// <summary>ASP.NET Core's rule: "/" or "/x" (not "//" or "/\"), "~/" or "~/x" (not "~//" or "~/\"), no control characters.</summary>
    public static bool IsLocalUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] is not ('/' or '\\') && !HasControlCharacter(url.AsSpan(1)));
        }

        if (url[0] == '~' && url.Length > 1 && url[1] == '/')
        {
            return url.Length == 2 || (url[2] is not ('/' or '\\') && !HasControlCharacter(url.AsSpan(2)));
        }

        return false;
    }

    private static bool HasControlCharacter(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}

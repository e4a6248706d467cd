using System.Net;
using Backoffice.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace Backoffice.Browser.Tests;

/// <summary>
/// One real local host (Program, with the console it serves) on a free loopback port over Kestrel, on a private Azurite,
/// and one headless Debian Chromium, shared by the browser tests. Each test opens its own browser context, so
/// sign-ins never leak between tests, and uses merchants of its own, so their orders never meet.
/// </summary>
public sealed class ConsoleRun : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"];

    private readonly List<(IPage Page, List<string> Console)> _pages = [];
    private readonly Dictionary<(int Width, int Height, string Locale), IBrowserContext> _contexts = [];
    private IPlaywright? _playwright;

    public AzuriteFixture Azurite { get; } = new();

    public BackofficeHost Host { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public static string ScreenshotFolder => Path.Combine(AzuriteFixture.RepositoryRoot(), "docs", "screenshots");

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();

        // The fake clock starts at the real time, so deadlines the API computes and the browser's countdowns agree.
        Host = new BackofficeHost(Azurite, start: TimeProvider.System.GetUtcNow());
        Host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Host.StartServer();
        var address = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ChromiumArgs,
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        await Azurite.DisposeAsync();
    }

    /// <summary>
    /// A new page (its own sessionStorage, so its own sign-in) at a desktop (1280) or phone (390) width. Pages of one
    /// width and browser language share a browser context and so its HTTP cache: the console's files download once per
    /// run, not per page. The language's context also shares localStorage, where the console keeps the language chosen:
    /// a test that switches languages uses a locale no other test uses.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860, string locale = "en-GB")
    {
        IBrowserContext? context;
        lock (_contexts)
        {
            _contexts.TryGetValue((width, height, locale), out context);
        }

        if (context is null)
        {
            context = await Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = width, Height = height },
                Locale = locale,
                TimezoneId = "Europe/Berlin",
            });
            context.SetDefaultTimeout(20_000);
            lock (_contexts)
            {
                _contexts[(width, height, locale)] = context;
            }
        }

        var page = await context.NewPageAsync();
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Add($"page error: {error}");
        lock (_pages)
        {
            _pages.Add((page, console));
        }

        return page;
    }

    /// <summary>
    /// Runs a test's steps; when one fails, every page it opened is screenshotted and its browser console saved under
    /// the temp folder (browser-failures/), so a red CI run shows what the person would have seen.
    /// </summary>
    public async Task StepsAsync(string test, Func<Task> steps)
    {
        int first;
        lock (_pages)
        {
            first = _pages.Count;
        }

        try
        {
            await steps();
        }
        catch
        {
            var folder = Path.Combine(Path.GetTempPath(), "browser-failures", test);
            Directory.CreateDirectory(folder);
            List<(IPage Page, List<string> Console)> opened;
            lock (_pages)
            {
                opened = _pages.Skip(first).ToList();
            }

            for (var i = 0; i < opened.Count; i++)
            {
                try
                {
                    await opened[i].Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"page-{i}.png"), FullPage = true, Timeout = 5000 });
                    await File.WriteAllLinesAsync(Path.Combine(folder, $"page-{i}.log"), [opened[i].Page.Url, .. opened[i].Console]);
                }
                catch (PlaywrightException)
                {
                    // The page may be gone already; the other pages still tell the story.
                }
            }

            Console.WriteLine($"Browser test {test} failed: screenshots and console logs in {folder}");
            throw;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleRun>
{
    public const string Name = "Console in a browser";
}

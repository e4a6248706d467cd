using Backoffice.Web;
using Backoffice.Web.Localization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;
using Radzen;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");

// The API lives on the same origin: the local host serves both, and in Azure the Static Web App forwards /api/*.
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddConsole();
builder.Services.AddFluentUIComponents();
builder.Services.AddRadzenComponents();

var host = builder.Build();

// The culture is chosen once, before the first render: the stored choice, else the browser's language. Switching
// stores the new choice and reloads (LanguagePicker), so nothing renders half in one language and half in the other.
ConsoleCulture.Apply(await host.Services.GetRequiredService<LanguageChoice>().StartupLanguageAsync());
await host.RunAsync();

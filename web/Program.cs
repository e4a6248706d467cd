using Backoffice.Web;
using Backoffice.Web.Api;
using Backoffice.Web.Session;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
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

await builder.Build().RunAsync();

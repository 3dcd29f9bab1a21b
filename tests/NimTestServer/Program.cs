using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Constraints;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NimTestServer;

// Usage: NimTestServer <fixtures folder>. Once ready it prints three lines:
//   listening on http://127.0.0.1:PORT
//   listening on https://127.0.0.1:PORT     (a self-signed certificate made at start-up)
//   silent on tcp://127.0.0.1:PORT          (accepts connections and never answers)
// then serves until its standard input closes (so it never outlives the test run that started it).
string fixtures = args.Length > 0 ? args[0] : throw new ArgumentException("Give the fixtures folder.");
var counter = new ConnectionCounter();
using X509Certificate2 certificate = SelfSignedCertificate.Create();
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, 0, http => http.Use(counter.Count));
    kestrel.Listen(IPAddress.Loopback, 0, https =>
    {
        https.Use(counter.Count);
        https.UseHttps(certificate);
    });
});
builder.Services.AddSingleton(new Fixtures(fixtures));
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<Gates>();
builder.Services.AddSingleton(counter);
builder.Services.Configure<RouteOptions>(routing => routing.SetParameterPolicy<RegexInlineRouteConstraint>("regex"));
WebApplication app = builder.Build();
app.Use((context, next) => context.Request.Path.StartsWithSegments("/_") ? next(context) : counter.CountRequest(next(context)));
app.MapGet("/_connections", () => Results.Json(new { open = counter.Open, accepted = counter.Accepted, activeRequests = counter.ActiveRequests, silent = counter.SilentConnections }));
app.Map(ReliabilityScenarios.Pattern, ReliabilityScenarios.Handle).WithOrder(-1);
Routes.Map(app);
using var silent = new SilentListener(counter);
silent.Start();
await app.StartAsync();
string[] addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToArray();
Console.WriteLine($"listening on {addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal))}");
Console.WriteLine($"listening on {addresses.First(a => a.StartsWith("https://", StringComparison.Ordinal))}");
Console.WriteLine($"silent on tcp://127.0.0.1:{silent.Port}");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
await app.StopAsync();

using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NimTestServer;

// Usage: NimTestServer <fixtures folder>. Prints "listening on http://127.0.0.1:PORT" once ready, then serves until
// its standard input closes (so it never outlives the test run that started it).
string fixtures = args.Length > 0 ? args[0] : throw new ArgumentException("Give the fixtures folder.");
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
builder.Services.AddSingleton(new Fixtures(fixtures));
builder.Services.AddSingleton<RequestLog>();
builder.Services.AddSingleton<Gates>();
WebApplication app = builder.Build();
Routes.Map(app);
await app.StartAsync();
string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.WriteLine($"listening on {address}");
Console.Out.Flush();
await Console.In.ReadToEndAsync();
await app.StopAsync();

using CivilAffairs.Web.Areas.SocialAssistance;
using CivilAffairs.Web.Areas.Verification;
using CivilAffairs.Web.Kernel;
using CivilAffairs.Web.Kernel.Api;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Web;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddKernel(builder.Configuration, builder.Environment);
builder.Services.AddVerification();
builder.Services.AddSocialAssistance();
// Not found / forbidden from any page handler, the modules' area pages included (a global filter reaches every page).
builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add(new CivilAffairs.Web.Pages.NotFoundPageFilter()));
builder.Services.AddRazorPages(o =>
{
    foreach (var page in new[] { "/Account/Login", "/Account/LoginWith2fa", "/Account/Logout", "/Account/AccessDenied" })
        o.Conventions.AllowAnonymousToPage(page);
    o.Conventions.AuthorizeFolder("/Admin", CivilAffairs.Web.Kernel.Security.Policies.AdminOnly);
});

var app = builder.Build();

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
}

// Behind a reverse proxy that terminates HTTPS (see docs/operations.md): trust X-Forwarded-For/Proto from the
// proxies listed in ReverseProxy:KnownProxies (loopback is always trusted), so HSTS, cookies, the audit trail's
// request handling and the sign-in rate limiter see the real scheme and client address.
if (app.Configuration.GetValue("ReverseProxy:Enabled", false))
{
    var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto };
    foreach (var proxy in (app.Configuration["ReverseProxy:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        forwarded.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
    app.UseForwardedHeaders(forwarded);
}
app.UseExceptionHandler("/Error");
// Pages get a friendly error page; the API gets problem details for empty error responses (bad JSON, 401, 404…).
app.UseWhen(http => !http.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
if (!app.Environment.IsDevelopment()) app.UseHsts();
app.UseSecurityHeaders();
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAdminTwoFactorRequirement(app.Configuration);
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(o => o.WithTitle("民政综合业务平台 API")).AllowAnonymous();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapGet("/culture", (HttpContext http, string c, string? returnUrl) =>
{
    var culture = c == "en" ? "en" : "zh-CN";
    http.Response.Cookies.Append(Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.DefaultCookieName,
        Microsoft.AspNetCore.Localization.CookieRequestCultureProvider.MakeCookieValue(new(culture)),
        new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true });
    var local = returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'));
    return Results.LocalRedirect(local ? returnUrl! : "/");
}).AllowAnonymous();

var api = app.MapApiV1();
app.MapKernelApi(api);
api.MapVerification(app);
api.MapSocialAssistance(app);
app.MapRazorPages();

app.Run();

/// <summary>Entry point type for WebApplicationFactory.</summary>
public partial class Program;

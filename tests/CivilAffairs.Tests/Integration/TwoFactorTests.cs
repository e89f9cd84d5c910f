using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CivilAffairs.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Tests.Integration;

/// <summary>TOTP two-factor: any account can enable it; then sign-in and tokens need the code.</summary>
public abstract partial class TwoFactorTests(AppFixture fixture)
{
    private AppFactory App => fixture.App;

    [SkippableFact]
    public async Task An_account_enables_totp_and_then_tokens_need_the_code()
    {
        var admin = await App.ApiAsAsync("admin");
        var userName = "totp" + Guid.NewGuid().ToString("N")[..8];
        const string password = "Totp#2026pw";
        await (await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName, password, role = "leader", divisionCode = "420202000000" })).JsonAsync(HttpStatusCode.Created);

        var browser = App.CreateClient(new() { AllowAutoRedirect = false });
        await browser.SignInPageAsync(userName, password);
        var setup = await browser.GetStringAsync("/Account/TwoFactor");
        var key = SharedKey().Match(setup).Groups[1].Value;
        Assert.NotEmpty(key);
        Assert.Contains("data:image/png;base64,", setup);

        var wrong = await browser.PostAsync("/Account/TwoFactor", Form(setup, "000000"));
        Assert.Contains("验证码不正确", await wrong.Content.ReadAsStringAsync());
        var ok = await browser.PostAsync("/Account/TwoFactor", Form(setup, Totp.Code(key)));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);

        var client = App.CreateClient();
        var withoutCode = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        Assert.Contains("两步验证码", (await withoutCode.JsonAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString());
        var withCode = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password, twoFactorCode = Totp.Code(key) });
        await withCode.JsonAsync(HttpStatusCode.OK);

        // The sign-in page now asks for the code as a second step.
        var second = App.CreateClient(new() { AllowAutoRedirect = false });
        var form = await second.GetStringAsync("/Account/Login");
        var login = await second.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName, ["Input.Password"] = password, ["__RequestVerificationToken"] = Http.Token(form),
        }));
        Assert.Contains("LoginWith2fa", login.Headers.Location!.OriginalString);
    }

    private static FormUrlEncodedContent Form(string page, string code) => new(new Dictionary<string, string>
    {
        ["Code"] = code, ["__RequestVerificationToken"] = Http.Token(page),
    });

    [GeneratedRegex("id=\"shared-key\"[^>]*>([a-z0-9 ]+)<")]
    private static partial Regex SharedKey();
}

[Collection("sqlite")]
public sealed class SqliteTwoFactorTests(SqliteAppFixture f) : TwoFactorTests(f);

[Collection("postgres")]
public sealed class PostgresTwoFactorTests(PostgresAppFixture f) : TwoFactorTests(f);

/// <summary>With Security:RequireTwoFactorForAdmins on, an administrator must set up TOTP before anything else.</summary>
public sealed class AdminTwoFactorRequirementTests : IDisposable
{
    private readonly RequiredTwoFactorFactory _app = new();

    private sealed class RequiredTwoFactorFactory() : AppFactory(Db.Sqlite)
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Security:RequireTwoFactorForAdmins", "true");
            builder.UseSetting("Bootstrap:DemoData", "false");
        }
    }

    [Fact]
    public async Task An_administrator_without_two_factor_is_sent_to_set_it_up_and_gets_no_token()
    {
        var browser = _app.CreateClient(new() { AllowAutoRedirect = false });
        var form = await browser.GetStringAsync("/Account/Login");
        var login = await browser.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "admin", ["Input.Password"] = AppFactory.AdminPassword, ["__RequestVerificationToken"] = Http.Token(form),
        }));
        Assert.Contains("/Account/TwoFactor", login.Headers.Location!.OriginalString);
        var elsewhere = await browser.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
        Assert.Contains("/Account/TwoFactor", elsewhere.Headers.Location!.OriginalString);

        var token = await _app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = AppFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }

    [Fact]
    public async Task The_periodic_session_check_keeps_the_two_factor_mark()
    {
        var options = _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(1), options.ValidationInterval);
        var current = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new("amr", "mfa")], "test"));
        var renewed = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([], "test"));
        var context = new Microsoft.AspNetCore.Identity.SecurityStampRefreshingPrincipalContext { CurrentPrincipal = current, NewPrincipal = renewed };
        await options.OnRefreshingPrincipal!(context);
        Assert.True(renewed.HasClaim("amr", "mfa"));
    }

    public void Dispose() => _app.Dispose();
}

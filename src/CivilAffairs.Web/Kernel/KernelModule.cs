using System.Globalization;
using System.Threading.RateLimiting;
using CivilAffairs.Web.Kernel.Auditing;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Localization;
using CivilAffairs.Web.Kernel.Registry.Features;
using CivilAffairs.Web.Kernel.Security;
using CivilAffairs.Web.Kernel.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CivilAffairs.Web.Kernel;

/// <summary>The shared kernel's entry points: services, and the middleware and API it contributes.</summary>
public static class KernelModule
{
    public static IServiceCollection AddKernel(this IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped(sp => new CurrentUser(sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddScoped<DivisionScope>();

        var provider = DatabaseProviders.From(config);
        // Keys protecting cookies, antiforgery tokens and bearer tokens live in the database: sessions survive a
        // restart and several instances behind one proxy share them.
        Microsoft.AspNetCore.DataProtection.DataProtectionBuilderExtensions.SetApplicationName(
            Microsoft.AspNetCore.DataProtection.EntityFrameworkCoreDataProtectionExtensions.PersistKeysToDbContext<AppDbContext>(
                services.AddDataProtection()), "civil-affairs-platform");
        var connection = config.GetConnectionString("Default");
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider=Postgres needs ConnectionStrings:Default (ConnectionStrings__Default).");
            services.AddDbContext<AppDbContext, PostgresAppDbContext>(o => o.UseNpgsql(connection));
        }
        else
        {
            if (string.IsNullOrWhiteSpace(connection)) connection = "Data Source=data/civil-affairs.db";
            // A relative SQLite path is relative to the content root (the project folder under `dotnet run`), not to
            // whatever directory the process was started from.
            var sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
            if (!Path.IsPathRooted(sqlite.DataSource) && sqlite.DataSource != ":memory:")
                sqlite.DataSource = Path.Combine(env.ContentRootPath, sqlite.DataSource);
            connection = sqlite.ToString();
            services.AddDbContext<AppDbContext, SqliteAppDbContext>(o => o.UseSqlite(connection));
        }

        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(1))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "ca.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            // Sessions are re-checked every minute, so a disabled account or a changed role takes effect quickly.
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            // The re-issued principal keeps the "signed in with two factors" mark (amr=mfa) of the session it replaces.
            o.OnRefreshingPrincipal = context => KeepTwoFactorMark(context.CurrentPrincipal, context.NewPrincipal);
        });
        services.AddAuthorization(o =>
        {
            // every page and endpoint not marked otherwise is for civil-affairs staff (a hospital's API account gets none of them)
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.Staff).Build();
            o.AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff));
            o.AddPolicy(Policies.RegistryEdit, p => p.RequireRole(Roles.Admin, Roles.DistrictStaff, Roles.StreetReviewer, Roles.CommunityCaseworker));
            o.AddPolicy(Policies.AdminOnly, p => p.RequireRole(Roles.Admin));
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ca.csrf";
            o.HeaderName = "X-CSRF-TOKEN";
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy("sign-in", http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Security:SignInAttemptsPerMinute", 30), Window = TimeSpan.FromMinutes(1) }));
        });

        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = new[] { new CultureInfo("zh-CN"), new CultureInfo("en") };
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // Render Chinese text as-is in HTML (the default encoder escapes every non-ASCII character).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            // Framework-produced errors (unparseable JSON, wrong field types, 401/403/404) in Chinese too.
            var p = ctx.ProblemDetails;
            if (p.Detail is null)
            {
                p.Detail = p.Status switch
                {
                    400 => "请求内容无法解析：请检查 JSON 格式和各字段的类型",
                    401 => "需要登录：请先通过 POST /api/v1/auth/token 获取令牌",
                    403 => "您的角色无权执行此操作",
                    404 => "记录不存在或不在您的管辖范围内",
                    405 => "不支持该请求方法",
                    415 => "请求的内容类型不受支持（应为 application/json）",
                    _ => p.Detail,
                };
            }
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database", tags: ["ready"]);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "民政综合业务平台 API / Civil Affairs Platform API";
            doc.Info.Description = "JSON API under /api/v1. Get a bearer token with POST /api/v1/auth/token, then send `Authorization: Bearer <token>`. " +
                                   "Errors are RFC 9457 problem details; field errors are in `errors`.";
            return Task.CompletedTask;
        }));

        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<DivisionDirectory>();
        services.AddScoped<ManageDivisions>();
        services.AddScoped<WorkingDayService>();
        services.AddScoped<CreatePerson.Handler>();
        services.AddScoped<UpdatePerson.Handler>();
        services.AddScoped<SearchPersons.Handler>();
        services.AddScoped<GetPerson.Handler>();
        services.AddScoped<RevealPersonalData.Handler>();
        services.AddScoped<CreateHousehold.Handler>();
        services.AddScoped<AddHouseholdMember.Handler>();
        services.AddScoped<MovePersonToHousehold.Handler>();
        services.AddScoped<RemoveHouseholdMember.Handler>();
        services.AddScoped<ChangeHouseholdHead.Handler>();
        services.AddScoped<SearchHouseholds.Handler>();
        services.AddScoped<GetHousehold.Handler>();
        services.AddScoped<Registry.HouseholdRoster>();
        services.AddScoped<Registry.PersonStatusLookup>();
        services.AddScoped<Registry.HouseholdRosterList>();
        services.AddScoped<CreateUser.Handler>();
        services.AddScoped<ListUsers.Handler>();
        services.AddScoped<ManageUser>();
        services.AddScoped<SearchAudit.Handler>();
        services.AddScoped<JobQueue>();
        services.AddSingleton<JobSignal>();
        services.AddScoped<IJobHandler, ImportRegistry>();
        services.AddSingleton<JobRunner>();
        if (config.GetValue("Jobs:RunInBackground", true)) services.AddHostedService(sp => sp.GetRequiredService<JobRunner>());
        return services;
    }

    /// <summary>Requires administrators to use two-factor sign-in when Security:RequireTwoFactorForAdmins is on.</summary>
    public static IApplicationBuilder UseAdminTwoFactorRequirement(this IApplicationBuilder app, IConfiguration config)
    {
        var required = config.GetValue<bool?>("Security:RequireTwoFactorForAdmins") ?? DatabaseProviders.From(config) == DatabaseProvider.Postgres;
        if (!required) return app;
        return app.Use(async (http, next) =>
        {
            var user = http.User;
            var path = http.Request.Path;
            if (user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin) && !user.HasClaim("amr", "mfa")
                && !path.StartsWithSegments("/Account") && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/health"))
            {
                http.Response.Redirect("/Account/TwoFactor?required=true");
                return;
            }
            await next();
        });
    }

    internal static Task KeepTwoFactorMark(System.Security.Claims.ClaimsPrincipal? current, System.Security.Claims.ClaimsPrincipal? renewed)
    {
        if (current?.HasClaim("amr", "mfa") == true && renewed?.Identity is System.Security.Claims.ClaimsIdentity identity && !renewed.HasClaim("amr", "mfa"))
            identity.AddClaim(new System.Security.Claims.Claim("amr", "mfa"));
        return Task.CompletedTask;
    }

    public static bool AdminTwoFactorRequired(IConfiguration config) =>
        config.GetValue<bool?>("Security:RequireTwoFactorForAdmins") ?? DatabaseProviders.From(config) == DatabaseProvider.Postgres;
}

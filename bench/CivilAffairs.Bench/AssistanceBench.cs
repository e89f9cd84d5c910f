using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CivilAffairs.Web.Areas.SocialAssistance.Domain;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Jobs;
using CivilAffairs.Web.Kernel.Registry;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilAffairs.Bench;

/// <summary>
/// Social-assistance figures measured in process (the real application over an in-memory HTTP server, SQLite file
/// or — with CA_BENCH_POSTGRES — PostgreSQL): roster generation for N recipients, and settlement requests per second.
/// </summary>
internal static class AssistanceBench
{
    private const string AdminPassword = "Bench#2026-admin";
    private const string Street = "420202070000";
    private static readonly string[] Communities = ["420202070001", "420202070002", "420202070003", "420202070004"];

    // any type of the web assembly names its entry point (the bench has a Program of its own)
    private sealed class Host(string connection, bool postgres) : WebApplicationFactory<AppDbContext>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", postgres ? "Postgres" : "Sqlite");
            builder.UseSetting("ConnectionStrings:Default", connection);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bootstrap:DemoData", "false");
            builder.UseSetting("Security:RequireTwoFactorForAdmins", "false");
            builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
            builder.UseSetting("Jobs:RunInBackground", "false");
            builder.UseSetting("Verification:DataDirectory", Path.Combine(Path.GetTempPath(), "ca-bench-verification"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        }
    }

    private static (Host Host, Action Cleanup) Start()
    {
        // the web project's folder is its content root (the test framework's lookup expects a test project's layout)
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CivilAffairs.slnx"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CIVILAFFAIRS_WEB", Path.Combine(root!.FullName, "src", "CivilAffairs.Web"));
        var pg = Environment.GetEnvironmentVariable("CA_BENCH_POSTGRES");
        if (pg is { Length: > 0 })
        {
            var name = $"ca_bench_{Guid.NewGuid():N}";
            using (var c = new Npgsql.NpgsqlConnection(pg)) { c.Open(); using var cmd = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", c); cmd.ExecuteNonQuery(); }
            var conn = new Npgsql.NpgsqlConnectionStringBuilder(pg) { Database = name }.ConnectionString;
            return (new Host(conn, true), () =>
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                using var c = new Npgsql.NpgsqlConnection(pg);
                c.Open();
                using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", c);
                cmd.ExecuteNonQuery();
            });
        }
        var file = Path.Combine(Path.GetTempPath(), $"ca-bench-{Guid.NewGuid():N}.db");
        return (new Host($"Data Source={file}", false), () => { Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); File.Delete(file); });
    }

    private static Task<HttpClient> AdminAsync(Host host) => SignInAsync(host, "admin");

    private static async Task<HttpClient> SignInAsync(Host host, string userName)
    {
        var client = host.CreateClient();
        var token = (await (await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = AdminPassword })).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task InScopeAsync(Host host, Func<AppDbContext, Task> work)
    {
        using var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem("bench");
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>N active dibao cases in one street, written straight into the database (what years of enrolments leave behind).</summary>
    private static async Task SeedCasesAsync(Host host, int count, int startMonth, Func<int, string>? idOf = null)
    {
        for (var start = 0; start < count; start += 10_000)
        {
            await InScopeAsync(host, async db =>
            {
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                for (var i = start; i < Math.Min(count, start + 10_000); i++)
                {
                    var id = idOf?.Invoke(i) ?? $"P{i:D17}";
                    db.Add(new AssistanceCase(Programme.Dibao, AreaKind.Urban, 1_000_000 + i, Communities[i % Communities.Length], -(1_000_000 + i), 30_000 + i % 50_000,
                        startMonth, $"对象{i}", "工商银行", $"62220200{i:D10}", new DateOnly(2027, 6, 30), [new CaseMember(1_000_000 + i, id, $"对象{i}")], DateTime.UtcNow));
                }
                db.ChangeTracker.DetectChanges();
                await db.SaveChangesAsync();
            });
        }
    }

    public static async Task<int> RosterAsync(int recipients, int runs)
    {
        var (host, cleanup) = Start();
        try
        {
            var admin = await AdminAsync(host);
            var today = DateOnly.FromDateTime(DateTime.Today);
            var month = today.Year * 100 + today.Month;
            var seed = Stopwatch.StartNew();
            await SeedCasesAsync(host, recipients, month);
            // a live database has statistics on its tables; right after a bulk load PostgreSQL has none yet
            await InScopeAsync(host, async db => { if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlRawAsync("ANALYZE"); });
            Console.WriteLine($"seeded {recipients:N0} cases in {seed.Elapsed.TotalSeconds:F1} s ({(Environment.GetEnvironmentVariable("CA_BENCH_POSTGRES") is { Length: > 0 } ? "PostgreSQL" : "SQLite")})");
            var times = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                await InScopeAsync(host, async db =>
                {
                    await db.Set<RosterLine>().ExecuteDeleteAsync();
                    await db.Set<PaymentRoster>().ExecuteDeleteAsync();
                });
                var response = await admin.PostAsJsonAsync("/api/v1/social-assistance/rosters", new { streetCode = Street, month });
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
                var runner = host.Services.GetRequiredService<JobRunner>();
                var sw = Stopwatch.StartNew();
                while (await runner.RunNextAsync(CancellationToken.None)) { }
                sw.Stop();
                var lines = 0;
                await InScopeAsync(host, async db => lines = await db.Set<RosterLine>().CountAsync());
                if (lines != recipients) throw new InvalidOperationException($"the roster has {lines} lines, expected {recipients}");
                times.Add(sw.Elapsed.TotalSeconds);
                Console.WriteLine($"run {run + 1}: roster of {lines:N0} recipients generated in {sw.Elapsed.TotalSeconds:F2} s");
            }
            times.Sort();
            Console.WriteLine($"roster generation for {recipients:N0} recipients: median {times[times.Count / 2]:F2} s (min {times[0]:F2}, max {times[^1]:F2}) over {runs} runs");
            return 0;
        }
        finally
        {
            host.Dispose();
            cleanup();
        }
    }

    public static async Task<int> SettleAsync(int requests, int concurrency, int people, int runs)
    {
        var (host, cleanup) = Start();
        try
        {
            var today = DateOnly.FromDateTime(DateTime.Today);
            var ids = Enumerable.Range(0, people).Select(ValidId).ToArray();
            await SeedCasesAsync(host, people, today.Year * 100 + 1, i => ids[i]);
            // the hospital's billing system: an account with the hospital role, as an administrator creates it
            var admin = await AdminAsync(host);
            var created = await admin.PostAsJsonAsync("/api/v1/admin/users", new { userName = "hospital.bench", password = AdminPassword, role = "medical-institution", divisionCode = "420202000000" });
            if (!created.IsSuccessStatusCode) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
            var clients = new HttpClient[concurrency];
            for (var c = 0; c < concurrency; c++) clients[c] = await SignInAsync(host, "hospital.bench");
            var rates = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                var next = -1;
                var failures = 0;
                var sw = Stopwatch.StartNew();
                await Task.WhenAll(clients.Select(async client =>
                {
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < requests)
                    {
                        var response = await client.PostAsJsonAsync("/api/v1/medical-assistance/settlements", new
                        {
                            idNumber = ids[i % people], visit = "Outpatient", billNumber = $"R{run}-{i}", visitDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                            totalFen = 50_000L, inCatalogueFen = 40_000L, basicInsuranceFen = 20_000L, criticalIllnessFen = 0L, otherAidFen = 0L,
                        });
                        if (!response.IsSuccessStatusCode) Interlocked.Increment(ref failures);
                    }
                }));
                sw.Stop();
                if (failures > 0) throw new InvalidOperationException($"{failures} settlements failed");
                var rate = requests / sw.Elapsed.TotalSeconds;
                rates.Add(rate);
                Console.WriteLine($"run {run + 1}: {requests:N0} settlements with {concurrency} clients in {sw.Elapsed.TotalSeconds:F2} s = {rate:N0}/s");
            }
            rates.Sort();
            Console.WriteLine($"settlement requests per second ({concurrency} concurrent clients, {people:N0} people): median {rates[rates.Count / 2]:N0}/s (min {rates[0]:N0}, max {rates[^1]:N0}) over {runs} runs");
            return 0;
        }
        finally
        {
            host.Dispose();
            cleanup();
        }
    }

    /// <summary>A valid ID number (district 420202, born 1950–1999) for person i.</summary>
    private static string ValidId(int i)
    {
        var birth = new DateOnly(1950, 1, 1).AddDays(i % 18_000);
        var body = "420202" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + (i / 18_000 % 1000).ToString("000", CultureInfo.InvariantCulture);
        return body + CitizenId.ComputeCheckCharacter(body);
    }
}

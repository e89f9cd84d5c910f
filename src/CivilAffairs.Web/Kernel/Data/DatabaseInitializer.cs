using System.Security.Cryptography;
using System.Text.Json;
using CivilAffairs.Web.Kernel.Calendar;
using CivilAffairs.Web.Kernel.Divisions;
using CivilAffairs.Web.Kernel.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivilAffairs.Web.Kernel.Data;

/// <summary>
/// Start-up: applies migrations, then seeds what is missing — roles, the division tree, the 2026 holiday
/// arrangement, the administrator, and (when Bootstrap:DemoData is on) demo staff accounts and residents.
/// </summary>
public sealed class DatabaseInitializer(
    AppDbContext db, CurrentUser user, UserManager<AppUser> users, RoleManager<IdentityRole> roles,
    IConfiguration config, ILogger<DatabaseInitializer> log, TimeProvider clock)
{
    public const string DistrictCode = "420202000000";

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        user.ActAsSystem("bootstrap");
        var provider = DatabaseProviders.From(config);
        if (provider == DatabaseProvider.Sqlite)
        {
            var cs = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString());
            var dir = Path.GetDirectoryName(Path.GetFullPath(cs.DataSource));
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        await db.Database.MigrateAsync(ct);
        // SQLite: write-ahead logging (kept in the file) — readers no longer block a writer's commit, and a commit
        // writes the log once instead of a rollback journal plus the database; full durability stays (synchronous=FULL)
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));

        if (!await db.Divisions.AnyAsync(ct)) await SeedDivisionsAsync(ct);
        if (!await db.CalendarDays.AnyAsync(ct)) await SeedCalendarAsync(ct);
        await EnsureAdminAsync();

        var demo = config.GetValue<bool?>("Bootstrap:DemoData") ?? provider == DatabaseProvider.Sqlite;
        if (demo && !await db.Persons.IgnoreQueryFilters().AnyAsync(ct))
        {
            var seeder = new DemoDataSeeder(db, users, clock, config);
            await seeder.SeedAsync(ct);
            log.LogInformation("Demo data loaded: {People} people, {Accounts} staff accounts", await db.Persons.IgnoreQueryFilters().CountAsync(ct), DemoDataSeeder.Accounts.Length);
        }
    }

    private async Task SeedDivisionsAsync(CancellationToken ct)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SeedData", "divisions-420202.json");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct));
        foreach (var d in doc.RootElement.GetProperty("divisions").EnumerateArray())
        {
            var division = new AdministrativeDivision(d.GetProperty("code").GetString()!, d.GetProperty("name").GetString()!,
                d.GetProperty("codeConfirmed").GetBoolean(), d.TryGetProperty("note", out var n) ? n.GetString() : null);
            if (d.TryGetProperty("retiredOn", out var r)) division.Retire(DateOnly.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture), null);
            db.Divisions.Add(division);
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task SeedCalendarAsync(CancellationToken ct)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "SeedData", "calendar-2026.json");
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct));
        foreach (var h in doc.RootElement.GetProperty("holidays").EnumerateArray())
        {
            var from = DateOnly.Parse(h.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            var to = DateOnly.Parse(h.GetProperty("to").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            for (var d = from; d <= to; d = d.AddDays(1))
                db.CalendarDays.Add(new CalendarDay { Date = d, Kind = CalendarDayKind.Holiday, Name = h.GetProperty("name").GetString()! });
        }
        foreach (var w in doc.RootElement.GetProperty("makeUpWorkdays").EnumerateArray())
            db.CalendarDays.Add(new CalendarDay
            {
                Date = DateOnly.Parse(w.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                Kind = CalendarDayKind.MakeUpWorkday,
                Name = w.GetProperty("name").GetString()!,
            });
        await db.SaveChangesAsync(ct);
    }

    private async Task EnsureAdminAsync()
    {
        if (await users.FindByNameAsync("admin") is not null) return;
        var configured = config["Bootstrap:AdminPassword"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new AppUser { UserName = "admin", DisplayName = "系统管理员", DivisionCode = DistrictCode, CreatedAt = clock.GetUtcNow().UtcDateTime, LockoutEnabled = true };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
            throw new InvalidOperationException("Bootstrap:AdminPassword does not satisfy the password policy: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(admin, Roles.Admin);
        if (string.IsNullOrEmpty(configured))
        {
            // Printed once, on the console only (not into log files): it is not stored anywhere else.
            Console.WriteLine();
            Console.WriteLine("==================================================================");
            Console.WriteLine($" 管理员账号 admin 的初始密码 / initial password for 'admin': {password}");
            Console.WriteLine(" 请登录后立即修改。Set Bootstrap__AdminPassword to choose it yourself.");
            Console.WriteLine("==================================================================");
            Console.WriteLine();
        }
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++) chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return new string(chars) + "#9a";
    }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public static class DatabaseProviders
{
    /// <summary>Database:Provider = Sqlite (default when unset) or Postgres; anything else stops the start-up.</summary>
    public static DatabaseProvider From(IConfiguration config) => config["Database:Provider"]?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{config["Database:Provider"]}' is not supported: use Sqlite or Postgres."),
    };
}

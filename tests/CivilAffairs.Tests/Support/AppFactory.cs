using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CivilAffairs.Web.Kernel.Data;
using CivilAffairs.Web.Kernel.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CivilAffairs.Tests.Support;

public enum Db
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real application over HTTP (in memory), on a fresh SQLite file or a fresh PostgreSQL database.
/// PostgreSQL comes from CA_TEST_POSTGRES (test.sh sets it); without it the PostgreSQL tests skip —
/// except under CI=true, where they fail.
/// </summary>
/// <summary>Real time plus an offset the tests set.</summary>
public sealed class ShiftableClock : TimeProvider
{
    public TimeSpan Offset { get; set; }
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

public class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Admin#2026-test";
    public const string DemoPassword = "Demo#2026pw";

    private readonly string _connection;
    private readonly string? _dropDatabase;
    private readonly string? _sqliteFile;

    public Db Db { get; }

    /// <summary>Where this app keeps uploaded feeds and snapshot files (deleted with the factory).</summary>
    public string VerificationDirectory { get; } = Path.Combine(Path.GetTempPath(), $"ca-verification-{Guid.NewGuid():N}");

    public AppFactory(Db db)
    {
        Db = db;
        if (db == Db.Sqlite)
        {
            _sqliteFile = Path.Combine(Path.GetTempPath(), $"ca-test-{Guid.NewGuid():N}.db");
            _connection = $"Data Source={_sqliteFile}";
        }
        else
        {
            var admin = PostgresConnection ?? throw new InvalidOperationException("CA_TEST_POSTGRES is not set");
            var name = $"ca_test_{Guid.NewGuid():N}";
            using (var conn = new NpgsqlConnection(admin))
            {
                conn.Open();
                using var cmd = new NpgsqlCommand($"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0", conn);
                cmd.ExecuteNonQuery();
            }
            _connection = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
            _dropDatabase = name;
        }
    }

    public static string? PostgresConnection => Environment.GetEnvironmentVariable("CA_TEST_POSTGRES") is { Length: > 0 } s ? s : null;
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Db == Db.Postgres ? "Postgres" : "Sqlite");
        builder.UseSetting("ConnectionStrings:Default", _connection);
        builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Bootstrap:DemoPassword", DemoPassword);
        builder.UseSetting("Bootstrap:DemoData", "true");
        builder.UseSetting("Bootstrap:DemoHouseholdsPerCommunity", "2");
        builder.UseSetting("Security:RequireTwoFactorForAdmins", "false");
        builder.UseSetting("Jobs:RunInBackground", "false");
        builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
        builder.UseSetting("Verification:DataDirectory", VerificationDirectory);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "None");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>The application's clock: real time, shifted by <see cref="ShiftableClock.Offset"/> (e.g. past a notice period).</summary>
    public ShiftableClock Clock { get; } = new();

    /// <summary>Moves the application's clock forward for the duration of a test step; dispose to move it back.</summary>
    public IDisposable Later(TimeSpan by)
    {
        Clock.Offset += by;
        return new Restore(() => Clock.Offset -= by);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }

    /// <summary>Runs queued background jobs to completion (the runner is off in tests for determinism).</summary>
    public async Task RunJobsAsync()
    {
        var runner = Services.GetRequiredService<JobRunner>();
        while (await runner.RunNextAsync(CancellationToken.None)) { }
    }

    /// <summary>A context acting as the system (no scoping) for assertions about what was saved.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CivilAffairs.Web.Kernel.Security.CurrentUser>().ActAsSystem("test");
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>An HTTP client with a bearer token for the given account.</summary>
    public async Task<HttpClient> ApiAsAsync(string userName, string? password = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = password ?? (userName == "admin" ? AdminPassword : DemoPassword) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        if (_dropDatabase is not null && PostgresConnection is { } admin)
        {
            NpgsqlConnection.ClearAllPools();
            using var conn = new NpgsqlConnection(admin);
            conn.Open();
            using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_dropDatabase} WITH (FORCE)", conn);
            cmd.ExecuteNonQuery();
        }
        if (Directory.Exists(VerificationDirectory)) Directory.Delete(VerificationDirectory, recursive: true);
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var f in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
    }
}

/// <summary>One running app per provider, shared by the integration test classes of that provider.</summary>
public abstract class AppFixture : IDisposable
{
    private readonly Lazy<AppFactory?> _factory;

    protected AppFixture(Db db) => _factory = new Lazy<AppFactory?>(() =>
    {
        if (db == Db.Postgres && AppFactory.PostgresConnection is null)
        {
            if (AppFactory.IsCi) throw new InvalidOperationException("CI=true but CA_TEST_POSTGRES is not set: PostgreSQL tests must run in CI.");
            return null;
        }
        var f = new AppFactory(db);
        _ = f.Server; // start now: migrate and seed
        return f;
    });

    /// <summary>The app; skips the calling test when PostgreSQL is not configured outside CI.</summary>
    public AppFactory App
    {
        get
        {
            var f = _factory.Value;
            Skip.If(f is null, "PostgreSQL not configured (set CA_TEST_POSTGRES, or run ./test.sh)");
            return f!;
        }
    }

    public void Dispose()
    {
        if (_factory.IsValueCreated) _factory.Value?.Dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAppFixture() : AppFixture(Db.Sqlite);
public sealed class PostgresAppFixture() : AppFixture(Db.Postgres);

[CollectionDefinition("sqlite")]
public sealed class SqliteCollection : ICollectionFixture<SqliteAppFixture>;

[CollectionDefinition("postgres")]
public sealed class PostgresCollection : ICollectionFixture<PostgresAppFixture>;

using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CivilAffairs.E2E;

/// <summary>
/// Starts the real platform (its own build output) as a Kestrel process on 127.0.0.1 with a fresh SQLite file
/// and demo data, and a headless Debian Chromium driven by Playwright. Without /usr/bin/chromium the tests skip,
/// except under CI=true where they fail.
/// </summary>
public sealed partial class AppServer : IAsyncLifetime
{
    public const string AdminPassword = "Admin#2026-e2e";
    public const string DemoPassword = "Demo#2026pw";
    public const string ChromiumPath = "/usr/bin/chromium";

    private Process? _process;
    private string? _dataDir;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _log = new();

    /// <summary>The application's console output so far (warnings and errors), for a failing test's message.</summary>
    public string ServerLog(int lastLines = 60) => string.Join("\n", _log.TakeLast(lastLines));
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public bool Available { get; private set; }
    public static string RepoRoot { get; } = FindRepoRoot();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: install Debian's chromium (./test.sh does as root).");
            return;
        }
        _dataDir = Directory.CreateTempSubdirectory("ca-e2e-").FullName;
        await StartAppAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Available = true;
    }

    private async Task StartAppAsync()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name; // bin/<Configuration>/net10.0
        var web = Path.Combine(RepoRoot, "src", "CivilAffairs.Web");
        var dll = Path.Combine(web, "bin", configuration, "net10.0", "CivilAffairs.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException("Build the web project first", dll);
        var start = new ProcessStartInfo("dotnet", [dll, "--contentRoot", web, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dataDir,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={Path.Combine(_dataDir!, "e2e.db")}";
        start.Environment["Bootstrap__AdminPassword"] = AdminPassword;
        start.Environment["Bootstrap__DemoPassword"] = DemoPassword;
        start.Environment["Bootstrap__DemoHouseholdsPerCommunity"] = "3";
        start.Environment["Security__SignInAttemptsPerMinute"] = "10000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        start.Environment["Verification__DataDirectory"] = Path.Combine(_dataDir!, "verification");
        _process = Process.Start(start)!;
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = _log;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            log.Enqueue(e.Data);
            var m = ListeningPattern().Match(e.Data);
            if (m.Success) listening.TrySetResult(m.Groups[1].Value);
        };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var finished = await Task.WhenAny(listening.Task, Task.Delay(TimeSpan.FromSeconds(90)), _process.WaitForExitAsync());
        if (finished != listening.Task)
            throw new InvalidOperationException("The app did not start:\n" + string.Join("\n", log));
        BaseUrl = listening.Task.Result;
    }

    /// <summary>A fresh browser context (own cookies) with Chinese as the browser language.</summary>
    /// <summary>
    /// Runs SQL against the application's SQLite file — only to let time pass (e.g. move a notice period into the past),
    /// never to create what the test should do through the browser.
    /// </summary>
    public async Task ExecuteSqlAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dataDir!, "e2e.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1366, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string userName, string password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("登录名").FillAsync(userName);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        // CA_E2E_SERVER_LOG=<file>: keep the application's console output (warnings and errors) for a failed run
        if (Environment.GetEnvironmentVariable("CA_E2E_SERVER_LOG") is { Length: > 0 } logFile) await File.WriteAllLinesAsync(logFile, _log);
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        if (_dataDir is not null) try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
    }

    private static string FindRepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "CivilAffairs.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("CivilAffairs.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningPattern();
}

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<AppServer>;

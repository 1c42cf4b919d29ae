"""Full configurations that run nginx, Apache and Caddy unprivileged-style around a recipe.

A recipe in ``examples/deploy/`` is what a user drops into their server (an nginx ``server``
block, an Apache ``VirtualHost``, a Caddyfile site). The functions here wrap it in the rest
of a configuration (pid file, logs, temp paths, modules) inside a scratch directory, so the
server runs in the foreground as a child of the test.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.deploy.conftest import Proc, need, run_user

__all__ = ["start_apache", "start_caddy", "start_nginx"]

Spawn = Callable[..., Proc]


def start_nginx(spawn: Spawn, workdir: Path, site: str, port: int) -> Proc:
    """nginx in the foreground with ``site`` (server blocks) in its http context."""
    binary = need("nginx")
    (workdir / "site.conf").write_text(site)
    user = run_user()
    conf = workdir / "nginx.conf"
    conf.write_text(f"""
{f"user {user};" if user else ""}
daemon off;
worker_processes 1;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log info;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {workdir}/nginx-access.log;
    client_body_temp_path {workdir}/client_body;
    proxy_temp_path {workdir}/proxy;
    fastcgi_temp_path {workdir}/fastcgi;
    uwsgi_temp_path {workdir}/uwsgi;
    scgi_temp_path {workdir}/scgi;
    include {workdir}/site.conf;
}}
""")
    return spawn(
        "nginx",
        [binary, "-p", str(workdir), "-e", str(workdir / "nginx-error.log"), "-c", str(conf)],
        port=port,
    )


APACHE_MODULES = (
    "mpm_event",
    "authz_core",
    "authz_host",
    "mime",
    "dir",
    "alias",
    "filter",
    "substitute",
    "rewrite",
    "proxy",
    "proxy_http",
    "proxy_wstunnel",
    "headers",
)


def start_apache(spawn: Spawn, workdir: Path, site: str, port: int) -> Proc:
    """apache2 in the foreground (-DFOREGROUND) with Debian's defaults and ``site``.

    The defaults that matter are copied from Debian's apache2.conf, notably
    ``<Directory /> Require all denied``: a recipe must grant its own folder.
    """
    binary = need("apache2")
    modules = Path("/usr/lib/apache2/modules")
    (workdir / "site.conf").write_text(site)
    load = "\n".join(
        f"LoadModule {m}_module {modules}/mod_{m}.so"
        for m in APACHE_MODULES
        if (modules / f"mod_{m}.so").exists()
    )
    user = run_user()
    # Apache will not serve as root: its children run as www-data when we are root
    drop = "User www-data\nGroup www-data" if user == "root" else ""
    conf = workdir / "apache2.conf"
    conf.write_text(f"""
ServerRoot {workdir}
ServerName 127.0.0.1
DefaultRuntimeDir {workdir}
PidFile {workdir}/apache2.pid
Listen 127.0.0.1:{port}
{load}
{drop}
ErrorLog {workdir}/apache-error.log
LogLevel warn
TypesConfig /etc/mime.types
Timeout 60
KeepAlive On
<Directory />
    Options FollowSymLinks
    AllowOverride None
    Require all denied
</Directory>
Include {workdir}/site.conf
""")
    return spawn(
        "apache2",
        [binary, "-f", str(conf), "-DFOREGROUND"],
        port=port,
        env={
            "APACHE_RUN_DIR": str(workdir),
            "APACHE_LOG_DIR": str(workdir),
            "APACHE_PID_FILE": str(workdir / "apache2.pid"),
            "APACHE_LOCK_DIR": str(workdir),
            "PATH": "/usr/sbin:/usr/bin:/bin",
        },
    )


def start_caddy(spawn: Spawn, workdir: Path, site: str, port: int) -> Proc:
    """caddy run with the admin API off, no automatic HTTPS and storage in ``workdir``."""
    binary = need("caddy")
    conf = workdir / "Caddyfile"
    conf.write_text(
        "{\n\tadmin off\n\tauto_https off\n"
        f"\tstorage file_system {workdir}/caddy-data\n}}\n\n" + site
    )
    env = {
        "HOME": str(workdir),
        "XDG_DATA_HOME": str(workdir / "data"),
        "XDG_CONFIG_HOME": str(workdir / "config"),
        "PATH": "/usr/bin:/bin",
    }
    return spawn(
        "caddy",
        [binary, "run", "--config", str(conf), "--adapter", "caddyfile"],
        port=port,
        env=env,
    )

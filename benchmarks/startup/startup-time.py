#!/usr/bin/env python3
"""Cold-start time of the distribution: from exec of bin/siprec to SIP answering OPTIONS with 200
on UDP, TCP and TLS. Each run copies the distribution into a fresh folder (no data/, no cache:
the first start generates the self-signed certificate), starts it, stops it, and starts it again
on the same folder (the "after" start). Every listener gets a free port, so other servers on the
machine are not disturbed.

  benchmarks/startup/startup-time.py [--dist runtime/target/siprec] [--before DIR] [--runs 3] [--anchor] [--jfr DIR]

--anchor also times a bare JVM binding the same three listeners (dev.siprec.benchmarks.startup.
BareListeners from benchmarks/target/benchmarks.jar), in the same run. Prints milliseconds; asserts nothing.
"""
import argparse, os, re, shutil, signal, socket, ssl, statistics, subprocess, sys, tempfile, threading, time, uuid

cpu_first, cpu_after, cpu_anchor = [], [], []
cpu_before = {'first': [], 'after': []}
HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, '..', '..'))
POLL = 0.01


def free_port(kind=socket.SOCK_STREAM):
    while True:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
        s.close()
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            u.bind(('127.0.0.1', port))
            return port
        except OSError:
            continue
        finally:
            u.close()


def options(transport, port, local_port):
    branch = 'z9hG4bK' + uuid.uuid4().hex[:16]
    return ('OPTIONS sip:127.0.0.1:%d SIP/2.0\r\n'
            'Via: SIP/2.0/%s 127.0.0.1:%d;branch=%s\r\n'
            'Max-Forwards: 70\r\n'
            'From: <sip:probe@127.0.0.1>;tag=%s\r\n'
            'To: <sip:srs@127.0.0.1:%d>\r\n'
            'Call-ID: %s@127.0.0.1\r\n'
            'CSeq: 1 OPTIONS\r\n'
            'Contact: <sip:probe@127.0.0.1:%d>\r\n'
            'Accept: application/sdp\r\n'
            'Content-Length: 0\r\n\r\n' % (port, transport, local_port, branch, uuid.uuid4().hex[:8], port,
                                          uuid.uuid4().hex, local_port)).encode()


def poll_udp(port, deadline):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(('127.0.0.1', 0))
    s.settimeout(POLL)
    try:
        while time.monotonic() < deadline:
            s.sendto(options('UDP', port, s.getsockname()[1]), ('127.0.0.1', port))
            try:
                data = s.recv(65535)
                if data.startswith(b'SIP/2.0 200'):
                    return time.monotonic()
                # another answer (503 until the sessions' handler is bound): poll again in 10 ms,
                # as over TCP and TLS. Without this pause the probe sent OPTIONS as fast as the
                # server answered (~27,000/s against an instant 503), taking CPU from the start it timed.
                time.sleep(POLL)
            except (socket.timeout, ConnectionRefusedError):
                pass
    finally:
        s.close()
    return None


def poll_stream(port, deadline, tls):
    ctx = None
    if tls:
        # measurement only: the server's certificate is self-signed and generated during the run
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
    while time.monotonic() < deadline:
        try:
            raw = socket.create_connection(('127.0.0.1', port), timeout=2)
        except OSError:
            time.sleep(POLL)
            continue
        s = raw
        try:
            local = raw.getsockname()[1]
            s = ctx.wrap_socket(raw) if tls else raw
            s.settimeout(2)
            s.sendall(options('TLS' if tls else 'TCP', port, local))
            data = b''
            while b'\r\n\r\n' not in data:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
            if data.startswith(b'SIP/2.0 200'):
                return time.monotonic()
        except (OSError, ssl.SSLError):
            pass
        finally:
            s.close()
        time.sleep(POLL)
    return None


def wait_ready(ports, timeout=60):
    deadline = time.monotonic() + timeout
    result = {}
    jobs = [('udp', lambda: poll_udp(ports['udp'], deadline)),
            ('tcp', lambda: poll_stream(ports['tcp'], deadline, False)),
            ('tls', lambda: poll_stream(ports['tls'], deadline, True))]
    threads = [threading.Thread(target=lambda n=n, f=f: result.__setitem__(n, f())) for n, f in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return result


def set_port(cfg, port):
    text = open(cfg).read()
    open(cfg, 'w').write(re.sub(r'(?m)^port=\d+', 'port=%d' % port, text))


def prepare(dist, debug):
    work = tempfile.mkdtemp(prefix='siprec-start-')
    home = os.path.join(work, 'siprec')
    shutil.copytree(dist, home, symlinks=True)
    shutil.rmtree(os.path.join(home, 'data', 'cache'), ignore_errors=True)
    shutil.rmtree(os.path.join(home, 'data', 'tls'), ignore_errors=True)
    shutil.rmtree(os.path.join(home, 'data', 'cds'), ignore_errors=True)
    ports = {'udp': free_port()}
    ports['tcp'] = ports['udp']
    ports['tls'] = free_port()
    etc = os.path.join(home, 'etc')
    set_port(os.path.join(etc, 'dev.siprec.transport.udp-default.cfg'), ports['udp'])
    set_port(os.path.join(etc, 'dev.siprec.transport.tcp-default.cfg'), ports['tcp'])
    set_port(os.path.join(etc, 'dev.siprec.transport.tls-default.cfg'), ports['tls'])
    for other in os.listdir(etc):
        if other.endswith('.cfg') and not re.match(r'dev\.siprec\.transport\.(udp|tcp|tls)-default', other):
            set_port(os.path.join(etc, other), free_port())
    if debug:
        with open(os.path.join(etc, 'org.ops4j.pax.logging.cfg'), 'a') as f:
            f.write('\nlog4j2.logger.startup.name = dev.siprec.launcher\nlog4j2.logger.startup.level = DEBUG\n')
    return work, home, ports


def start_and_time(cmd, env, ports, log):
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    r = wait_ready(ports)
    ms = {k: (v - t0) * 1000 if v else None for k, v in r.items()}
    ms['cpu'] = cpu_ms(p.pid)
    return p, ms


def cpu_ms(pid):
    """CPU time (user + system, children included) the started process used so far: far less
    sensitive than wall time to other load on a shared machine."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            fields = f.read().rsplit(')', 1)[1].split()
        ticks = sum(int(x) for x in fields[11:15])
        return ticks * 1000.0 / os.sysconf('SC_CLK_TCK')
    except (OSError, IndexError, ValueError):
        return None


def await_timeline(log, offset, timeout=60):
    """The timeline is logged once the framework has started (after "ready"): wait for it (not timed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(log, errors='replace') as f:
                f.seek(offset)
                if 'framework started' in f.read():
                    return
        except OSError:
            pass
        time.sleep(0.1)


def await_training(home, timeout=180):
    """A first start without a class data sharing archive trains one in the background once it is
    ready (bin/siprec --cds-training): wait for it (not timed) before stopping, since a stop kills it.
    Returns the seconds waited and how it ended."""
    if os.environ.get('SIPREC_CDS') == 'off' or 'cds-training' not in open(os.path.join(home, 'bin', 'siprec')).read():
        return None
    cds = os.path.join(home, 'data', 'cds')
    if not os.path.isdir(cds) or not any(n.startswith('classes-') for n in os.listdir(cds)):
        return None  # this start used an archive, or class data sharing is off
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if any(n.endswith('.jsa') for n in os.listdir(cds)) if os.path.isdir(cds) else False:
            return time.monotonic() - t0, 'archive written'
        try:
            if 'training failed' in open(os.path.join(cds, 'training.log'), errors='replace').read():
                return time.monotonic() - t0, 'training failed'
        except OSError:
            pass
        time.sleep(0.1)
    return time.monotonic() - t0, 'timed out'


def stop(p):
    p.send_signal(signal.SIGTERM)
    try:
        p.wait(30)
    except subprocess.TimeoutExpired:
        p.kill()
        p.wait()


def fmt(ms):
    return ' '.join('%s %6.0f' % (k, v) if v is not None else '%s FAILED' % k for k, v in sorted(ms.items()))


def run_server(args, i, dist=None, label=''):
    work, home, ports = prepare(dist or args.dist, args.debug)
    env = dict(os.environ)
    results = []
    try:
        for phase in ('first', 'after'):
            opts = env.get('JAVA_OPTS', '')
            if args.jfr:
                os.makedirs(args.jfr, exist_ok=True)
                opts += ' -XX:StartFlightRecording=filename=%s/start-%d-%s.jfr,settings=profile' % (
                    os.path.abspath(args.jfr), i, phase)
            env['JAVA_OPTS'] = opts
            with open(os.path.join(work, 'stdout-%s.log' % phase), 'w') as log:
                siprec_log = os.path.join(home, 'log', 'siprec.log')
                offset = os.path.getsize(siprec_log) if os.path.exists(siprec_log) else 0
                p, ms = start_and_time([os.path.join(home, 'bin', 'siprec'), '--headless'], env, ports, log)
                if args.debug:
                    await_timeline(siprec_log, offset)
                if phase == 'first':
                    trained = await_training(home)
                    if trained:
                        print('run %d %s%-5s class data sharing training: %s after %.1f s (untimed)' % (
                            i, label, phase, trained[1], trained[0]), flush=True)
                stop(p)
            cpu = ms.pop('cpu')
            ready = max(ms.values()) if None not in ms.values() else None
            if label:
                cpu_before[phase].append(cpu)
            else:
                (cpu_first if phase == 'first' else cpu_after).append(cpu)
            print('run %d %s%-5s cpu %s ms, ready %s ms   (%s)' % (i, label, phase, '%6.0f' % cpu if cpu else '?', '%6.0f' % ready if ready else 'FAILED', fmt(ms)),
                  flush=True)
            results.append((phase, ready))
            if args.debug:
                os.makedirs(args.keep or work, exist_ok=True)
                shutil.copy(os.path.join(home, 'log', 'siprec.log'),
                            os.path.join(args.keep or work, 'siprec-%d-%s%s.log' % (i, label, phase)))
    finally:
        if args.keep:
            print('  kept', work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    return results


def run_anchor(args, i):
    work = tempfile.mkdtemp(prefix='siprec-anchor-')
    try:
        ks = os.path.join(work, 'anchor.p12')
        subprocess.run(['keytool', '-genkeypair', '-alias', 'a', '-keyalg', 'EC', '-groupname', 'secp256r1',
                        '-dname', 'CN=localhost', '-keystore', ks, '-storetype', 'PKCS12', '-storepass', 'anchor',
                        '-validity', '2'], check=True, capture_output=True)
        ports = {'udp': free_port()}
        ports['tcp'] = ports['udp']
        ports['tls'] = free_port()
        cmd = ['java', '-cp', args.benchmarks_jar, 'dev.siprec.benchmarks.startup.BareListeners',
               str(ports['udp']), str(ports['tls']), ks, 'anchor']
        with open(os.path.join(work, 'stdout.log'), 'w') as log:
            p, ms = start_and_time(cmd, os.environ, ports, log)
            stop(p)
        cpu = ms.pop('cpu')
        cpu_anchor.append(cpu)
        ready = max(ms.values()) if None not in ms.values() else None
        print('run %d anchor cpu %s ms, ready %s ms   (%s)' % (i, '%6.0f' % cpu if cpu else '?', '%6.0f' % ready if ready else 'FAILED', fmt(ms)), flush=True)
        return ready
    finally:
        shutil.rmtree(work, ignore_errors=True)


def serve_sipp(args):
    """Starts a copy of the distribution and runs the SIPp SIPREC load scenario at each rate."""
    work, home, ports = prepare(args.dist, False)
    try:
        with open(os.path.join(work, 'stdout.log'), 'w') as log:
            p, ms = start_and_time([os.path.join(home, 'bin', 'siprec'), '--headless'], dict(os.environ), ports, log)
            try:
                if None in ms.values():
                    print('server did not become ready:', fmt(ms))
                    return
                for rate in [int(r) for r in args.serve_sipp.split()]:
                    calls = rate * args.sipp_seconds
                    out = subprocess.run(['sipp', '-sf', args.sipp_scenario, '-t', 'u1', '-i', '127.0.0.1',
                                          '-p', str(free_port()), '-r', str(rate), '-m', str(calls), '-l', '5000',
                                          '-nostdin', '-timeout', '%ds' % (args.sipp_seconds * 3 + 60),
                                          '127.0.0.1:%d' % ports['udp']], capture_output=True, text=True)
                    lines = [l for l in out.stdout.splitlines() if 'Successful call' in l or 'Failed call' in l]
                    summary = ' '.join(' '.join(l.split()) for l in lines[-2:])
                    print('rate %5d/s, %6d calls: %s' % (rate, calls, summary or 'no statistics (exit %d)' % out.returncode),
                          flush=True)
            finally:
                stop(p)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--dist', default=os.path.join(TOP, 'runtime', 'target', 'siprec'))
    ap.add_argument('--runs', type=int, default=3)
    ap.add_argument('--anchor', action='store_true')
    ap.add_argument('--before', help='a second distribution (e.g. built from an earlier commit), timed in the same '
                    'runs, interleaved with --dist, and reported as "before"')
    ap.add_argument('--benchmarks-jar', default=os.path.join(TOP, 'benchmarks', 'target', 'benchmarks.jar'))
    ap.add_argument('--jfr', help='folder for one JFR recording per start')
    ap.add_argument('--debug', action='store_true', help='log the start-up timeline at DEBUG and keep the logs')
    ap.add_argument('--keep', help='keep the run folders (and logs) here')
    ap.add_argument('--serve-sipp', help='instead of timing starts: SIPp load at these calls/s, e.g. "100 250"')
    ap.add_argument('--sipp-seconds', type=int, default=20)
    ap.add_argument('--sipp-scenario', default=os.path.join(TOP, 'benchmarks', 'sipp', 'siprec-load.xml'))
    args = ap.parse_args()
    if args.serve_sipp:
        serve_sipp(args)
        return
    with open('/proc/loadavg') as f:
        print('load average before:', f.read().strip())
    first, after, anchor = [], [], []
    before = {'first': [], 'after': []}
    for i in range(1, args.runs + 1):
        if args.anchor:
            anchor.append(run_anchor(args, i))
        if args.before:
            for phase, ready in run_server(args, i, args.before, 'before-'):
                before[phase].append(ready)
        for phase, ready in run_server(args, i):
            (first if phase == 'first' else after).append(ready)

    def summary(name, xs):
        xs = [x for x in xs if x is not None]
        if xs:
            print('%-12s n=%d  min %6.0f  median %6.0f  max %6.0f ms' % (name, len(xs), min(xs), statistics.median(xs),
                                                                      max(xs)))
    print('summary (exec of bin/siprec to 200 OK for OPTIONS on UDP, TCP and TLS):')
    if args.before:
        summary('before first', before['first'])
        summary('before after', before['after'])
    summary('first', first)
    summary('after', after)
    summary('anchor', anchor)
    print('CPU time used until ready (user + system):')
    if args.before:
        summary('before first', cpu_before['first'])
        summary('before after', cpu_before['after'])
    summary('first', cpu_first)
    summary('after', cpu_after)
    summary('anchor', cpu_anchor)


if __name__ == '__main__':
    main()

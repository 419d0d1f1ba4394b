/// How Proxy-NCA picks the proxies of an embedding (Movshovitz-Attias et al. 2017, §3.2).
public enum ProxyAssignment: String, Codable, Sendable, CaseIterable {
    /// Each class is given its proxies once, at the start: with at least one proxy per
    /// class, class i owns proxies i·k ..< (i+1)·k and x's positive is the nearest of
    /// them; with fewer proxies than classes, class i shares proxy i mod P (round-robin
    /// in the loss's class order, so the assignment is fixed by the class list alone).
    /// The negatives are the proxies not assigned to x's class.
    case `static`
    /// Labels only say which samples are positives and negatives of each other, and a
    /// sample's proxy is the one nearest to it at the time, p(x) = argmin_p d(x, p),
    /// whichever class the proxy was created for. For each anchor x and positive y ≠ x of
    /// the batch, the positive proxy is p(y) and the negatives are the proxies p(z) of x's
    /// negatives z in the batch (the paper's ℓ(x, p(y), p(Z)); p(y) may be among them).
    case dynamic
}

package io.go4j.examples.tour.seed001;

import io.go4j.Go;
import io.go4j.sync.RWMutex;
import io.go4j.sync.WaitGroup;
import io.go4j.time.Time;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Seed 001, "Manejo de Recursos": a map of resources guarded by an RWMutex (readers share,
 * writers exclude); ten goroutines each add a resource, work 10 ms (the seed's 100 ms divided
 * by 10), read it back, print it and remove it. The ten lines come in any order.
 */
public final class ResourceManager {

    private ResourceManager() {
    }

    /** Go's {@code type Resource struct { data []byte }}. */
    record Resource(byte[] data) {
    }

    /** Go's {@code type ResourceManager struct { resources map[string]*Resource; mutex sync.RWMutex }}. */
    static final class Manager {
        private final Map<String, Resource> resources = new HashMap<>(); // make(map[string]*Resource)
        private final RWMutex mutex = new RWMutex();

        /** Go's {@code Get(id string) (*Resource, bool)}; null for Go's {@code (nil, false)}. */
        Resource get(String id) {
            mutex.rLock();                                      // rm.mutex.RLock()
            try {                                               // defer rm.mutex.RUnlock()
                return resources.get(id);                       // resource, exists := rm.resources[id]
            } finally {
                mutex.rUnlock();
            }
        }

        /** Go's {@code Add(id string, resource *Resource)}. */
        void add(String id, Resource resource) {
            mutex.lock();                                       // rm.mutex.Lock()
            try {                                               // defer rm.mutex.Unlock()
                resources.put(id, resource);                    // rm.resources[id] = resource
            } finally {
                mutex.unlock();
            }
        }

        /** Go's {@code Remove(id string)}. */
        void remove(String id) {
            mutex.lock();                                       // rm.mutex.Lock()
            try {                                               // defer rm.mutex.Unlock()
                resources.remove(id);                           // delete(rm.resources, id)
            } finally {
                mutex.unlock();
            }
        }
    }

    /** Go's {@code main}. */
    public static void main(PrintStream out) {
        Manager rm = new Manager();                             // rm := NewResourceManager()
        WaitGroup wg = new WaitGroup();                         // var wg sync.WaitGroup

        for (int i = 0; i < 10; i++) {                          // for i := 0; i < 10; i++ {
            wg.add(1);                                          //     wg.Add(1)
            int id = i;
            Go.go(() -> {                                       //     go func(id int) {
                try {                                           //         defer wg.Done()
                    String resourceID = String.format("resource-%d", id);
                    rm.add(resourceID, new Resource(String.format("data-%d", id).getBytes(StandardCharsets.UTF_8)));

                    Time.sleep(Duration.ofMillis(10));          //         time.Sleep(100 * time.Millisecond)

                    Resource resource = rm.get(resourceID);     //         if resource, exists := rm.Get(resourceID); exists {
                    if (resource != null) {
                        out.printf("Recurso %s: %s%n", resourceID, new String(resource.data(), StandardCharsets.UTF_8));
                    }

                    rm.remove(resourceID);                      //         rm.Remove(resourceID)
                } finally {
                    wg.done();
                }
            });                                                 //     }(i)
        }

        wg.await();                                             // wg.Wait()
    }
}
